import { shopperClaim } from "@/lib/claim/shopper-actions";
import { noStore, shopperRoute } from "@/lib/http/route";
import { claimParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The shopper's own claim, with its payment; anyone else's is "not found". */
export const GET = shopperRoute(claimParams, async (_req, { claimId, shopperId }) =>
  Response.json({ claim: await shopperClaim({ claimId, shopperId }) }, { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
