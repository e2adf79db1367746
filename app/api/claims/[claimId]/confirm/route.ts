import { checkOut } from "@/lib/claim/shopper-actions";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { limitGuest } from "@/lib/security/limits";
import { confirmClaimInput } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * Checkout; every shopper's counts against its address's CONFIRM_LIMIT (429 RATE_LIMITED past it):
 * races never check out, so rehearsal shoppers are not excused.
 */
export const POST = shopperRoute(claimParams, async (req, { claimId, shopperId }) => {
  const buyer = await readJson(req, confirmClaimInput);
  await limitGuest(req, "confirm");
  const { claim, orderUrl, payment } = await checkOut({ claimId, shopperId, buyer, now: Date.now() });
  // orderUrl: the private receipt link (works in any browser, reveals nothing without its key).
  // payment: with payments on, the hold's payment for the card step (the order follows its success).
  return Response.json({ claim, orderUrl, ...(payment ? { payment } : {}) }, { headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
