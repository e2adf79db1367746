import { requireShopper } from "@/lib/auth/shopper";
import { getClaim } from "@/lib/claim-reads";
import { AppError } from "@/lib/errors";
import { noStore, parseParams, route } from "@/lib/http";
import { claimParams } from "@/lib/schemas/ids";

/** The shopper's own claim; anyone else's is "not found". */
export const GET = route<{ claimId: string }>(async (req, { params }) => {
  const shopperId = requireShopper(req);
  const { claimId } = parseParams(params, claimParams);
  const claim = await getClaim({ id: claimId });
  if (!claim || claim.shopperId !== shopperId) throw new AppError("NOT_FOUND", "No such claim.");
  return Response.json({ claim }, { headers: noStore });
});
