import { requireShopper } from "@/lib/auth/shopper";
import { listShopperClaims } from "@/lib/claim-reads";
import { getCachedDropState } from "@/lib/drop-cache";
import { refusalError } from "@/lib/stock";
import { noStore, parseParams, route } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

export const GET = route<{ id: string }>(async (req, { params }) => {
  const shopperId = requireShopper(req);
  const { id } = parseParams(params, dropParams);
  const state = await getCachedDropState(id);
  if (!state || state.phase === "draft") throw refusalError("NOT_FOUND");
  return Response.json({ claims: await listShopperClaims({ dropId: id, shopperId }) }, { headers: noStore });
});
