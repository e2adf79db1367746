import { shopperClaims } from "@/lib/claim/shopper-actions";
import { noStore, shopperRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

export const GET = shopperRoute(dropParams, async (_req, { id, shopperId }) =>
  Response.json({ claims: await shopperClaims({ dropId: id, shopperId }) }, { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
