import { requireShopper } from "@/lib/auth/shopper";
import { invalidateDropState } from "@/lib/drop-cache";
import { confirmHold } from "@/lib/holds";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { confirmClaimInput } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";

export const POST = route<{ claimId: string }>(async (req, { params }) => {
  const shopperId = requireShopper(req);
  const { claimId } = parseParams(params, claimParams);
  const buyer = await readJson(req, confirmClaimInput);
  const claim = await confirmHold({ claimId, shopperId, buyer, now: Date.now() });
  invalidateDropState(claim.dropId);
  return Response.json({ claim }, { headers: noStore });
});
