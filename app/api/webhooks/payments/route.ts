import { settleEntryOrHold } from "@/lib/entries/paid-entry";
import { receivePaymentEvent } from "@/lib/payments/webhook";
import { noParams, noStore, publicRoute, readBody } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

// A payment provider's signed events (Stripe, or the local provider): verified on the exact bytes
// received, applied once; 2xx to a duplicate, 400 BAD_SIGNATURE to a forged one (nothing changes).
export const POST = publicRoute(noParams, async (req) => {
  const payload = await readBody(req);
  const outcome = await receivePaymentEvent({
    payload,
    signature: req.headers.get("stripe-signature"),
    now: Date.now(),
    effect: settleEntryOrHold, // a paid entry, or a hold: its order, or its refund
  });
  return Response.json(
    { received: true, duplicate: outcome.duplicate, applied: outcome.applied },
    { headers: noStore },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
