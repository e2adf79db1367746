import { issueShopperToken } from "@/lib/auth/shopper";
import { noParams, noStore, readJson, shopperRoute } from "@/lib/http/route";
import { createShopperInput } from "@/lib/schemas/claim";
import { notAllowed } from "@/lib/api-routes";

/**
 * A fresh token for the same shopper (same id, same mark: a guest stays a guest, a brand's
 * rehearsal shopper that brand's), for a token that is still good: an open tab renews its token
 * before it runs out and keeps its holds. An expired one is a 401, as anywhere.
 */
export const POST = shopperRoute(noParams, async (req, { shopperId, rehearsal }) => {
  await readJson(req, createShopperInput);
  return Response.json(issueShopperToken({ shopperId, rehearsal }), { headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
