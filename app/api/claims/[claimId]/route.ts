import { getOwnedClaim } from "@/lib/claim/reads";
import { noStore, shopperRoute } from "@/lib/http";
import { claimParams } from "@/lib/schemas/ids";

/** The shopper's own claim; anyone else's is "not found". */
export const GET = shopperRoute(claimParams, async (_req, { claimId, shopperId }) =>
  Response.json({ claim: await getOwnedClaim({ claimId, shopperId }) }, { headers: noStore }),
);
