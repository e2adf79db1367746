import { checkOut } from "@/lib/claim/shopper";
import { noStore, readJson, shopperRoute } from "@/lib/http";
import { confirmClaimInput } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";

export const POST = shopperRoute(claimParams, async (req, { claimId, shopperId }) => {
  const buyer = await readJson(req, confirmClaimInput);
  const claim = await checkOut({ claimId, shopperId, buyer, now: Date.now() });
  return Response.json({ claim }, { headers: noStore });
});
