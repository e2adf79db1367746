import { localPayments } from "@/lib/payments/hold-payment";
import { noParams, noStore, publicRoute, readJson } from "@/lib/http/route";
import { localAuthInput } from "@/lib/schemas/payment";
import { notAllowed } from "@/lib/api-routes";

// The local provider's authentication step (a bank's 3-D Secure page, in Stripe's flow): approved
// the payment succeeds, refused it fails. 404 unless PAYMENTS=local.
export const POST = publicRoute(noParams, async (req) => {
  const { paymentId, clientSecret, approve } = await readJson(req, localAuthInput);
  const { status, failure, last4 } = await localPayments().authenticate({ paymentId, clientSecret, approve });
  return Response.json({ payment: { status, failure, last4 } }, { headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
