import { myClaims } from "@/lib/claim/my-claims";
import { noParams, noStore, shopperRoute } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/**
 * The calling shopper's holds and orders on every drop, newest first (at most 50; `truncated` when
 * there were more): each with its drop's name, its state and the links that work for it.
 */
export const GET = shopperRoute(noParams, async (_req, { shopperId }) =>
  Response.json(await myClaims({ shopperId, now: Date.now() }), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
