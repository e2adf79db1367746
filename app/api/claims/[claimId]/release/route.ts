import { requireShopper } from "@/lib/auth/shopper";
import { invalidateDropState } from "@/lib/drop-cache";
import { releaseHold } from "@/lib/holds";
import { noStore, parseParams, readJson, route } from "@/lib/http";
import { claimRequestBody } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";

export const POST = route<{ claimId: string }>(async (req, { params }) => {
  const shopperId = requireShopper(req);
  const { claimId } = parseParams(params, claimParams);
  await readJson(req, claimRequestBody);
  const claim = await releaseHold({ claimId, shopperId, now: Date.now() });
  invalidateDropState(claim.dropId);
  return Response.json({ claim }, { headers: noStore });
});
