import { localPayments } from "@/lib/payments/hold-payment";
import { noParams, noStore, publicRoute, readJson } from "@/lib/http/route";
import { localCardInput } from "@/lib/schemas/payment";
import { notAllowed } from "@/lib/api-routes";

// The local provider's card step (what Stripe.js does against Stripe): a test card number confirms
// the payment, whose events go to the webhook before this answers. 404 unless PAYMENTS=local.
export const POST = publicRoute(noParams, async (req) => {
  const { paymentId, clientSecret, cardNumber } = await readJson(req, localCardInput);
  const { status, failure, last4 } = await localPayments().confirmCard({
    paymentId,
    clientSecret,
    cardNumber,
  });
  return Response.json({ payment: { status, failure, last4 } }, { headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
