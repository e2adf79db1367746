import "server-only";
import { AppError } from "@/lib/errors";
import { advancePayment, type Payment } from "@/lib/payments/payments";
import type { PaymentProvider, ProviderRefund } from "@/lib/payments/provider";

/**
 * A full refund of a succeeded payment: asked of the provider with the hold's idempotency key (so
 * asked again, by anyone, it is one refund), then, if the provider says it is done, the payment moved
 * to refunded at once (forward only, so the refund's webhook, arriving before or after, changes
 * nothing more). A refund the provider still has pending is moved by its webhook. Safe to repeat.
 * `applied`: this call moved the payment (once per payment, as the webhook's delivery that moves it:
 * what to tell somebody about is keyed on it).
 */
export async function refundPayment({
  provider,
  payment,
  now,
}: {
  provider: PaymentProvider;
  payment: Payment;
  now: number;
}): Promise<{ refund: ProviderRefund; payment: Payment; applied: boolean }> {
  let refund: ProviderRefund;
  try {
    refund = await provider.refund({ paymentId: payment.paymentId, claimId: payment.claimId });
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The provider's trouble (its SDK has retried already): the caller sends it again, same key.
    console.error(`Refund of ${payment.paymentId}: the provider failed`, err);
    throw new AppError("UNAVAILABLE", "The payment provider did not answer. Try again.", undefined, {
      "Retry-After": "2",
    });
  }
  if (refund.status !== "succeeded") return { refund, payment, applied: false };
  const moved = await advancePayment({
    provider: provider.name,
    payment: {
      id: payment.paymentId,
      claimId: payment.claimId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    },
    to: "refunded",
    eventId: `refunded-${refund.id}`,
    now,
  });
  return { refund, payment: moved.payment, applied: moved.applied };
}
