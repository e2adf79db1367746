import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { localProvider, type LocalProvider } from "@/lib/payments/local";
import { recordPayment, type Payment } from "@/lib/payments/payments";
import type { CaptureMethod, PaymentProvider, ProviderPayment } from "@/lib/payments/provider";
import { stripeProvider } from "@/lib/payments/stripe";

let provider: PaymentProvider | undefined;

/** The provider PAYMENTS names (lib/env.ts), built once; undefined when payments are off. */
export function paymentProvider(): PaymentProvider | undefined {
  const e = env();
  if (e.PAYMENTS === "off") return undefined;
  provider ??=
    e.PAYMENTS === "stripe" ? stripeProvider({ secretKey: e.STRIPE_SECRET_KEY! }) : localProvider();
  return provider;
}

/** The local provider's card steps (its own routes); 404 unless PAYMENTS=local. */
export function localPayments(): LocalProvider {
  const p = paymentProvider();
  if (p?.name !== "local") throw new AppError("NOT_FOUND", "Local payments are off.");
  return p as LocalProvider;
}

/** Tests and scripts: the provider to use instead (the same kind PAYMENTS names). */
export function providePayments(p: PaymentProvider): void {
  provider = p;
}

/**
 * A hold's payment: created at the provider (idempotent per hold), then recorded as `PAY#<claimId>`
 * (once). Both steps are safe to repeat, so a retry after a crash between them ends in one payment.
 * `capture: "manual"` makes it an authorisation (a draw's entry); `ref` says what it is for.
 */
export async function createHoldPayment({
  provider,
  claimId,
  amountMinor,
  currency,
  capture,
  ref,
  now,
}: {
  provider: PaymentProvider;
  claimId: string;
  amountMinor: number;
  currency: string;
  capture?: CaptureMethod;
  ref?: string;
  now: number;
}): Promise<{ payment: Payment; clientSecret: string; providerPayment: ProviderPayment }> {
  const create = { claimId, amountMinor, currency, ...(capture ? { capture } : {}) };
  const providerPayment = await provider.createPayment(create).catch((err) => {
    if (err instanceof AppError) throw err;
    // The provider's trouble (its SDK has retried already): 503, and checkout's resend sends the same key.
    console.error(`Payment of ${claimId}: the provider failed`, err);
    throw new AppError("UNAVAILABLE", "The payment provider did not answer. Try again.", undefined, {
      "Retry-After": "2",
    });
  });
  const payment = await recordPayment({ provider: provider.name, payment: providerPayment, ref, now });
  if (payment.paymentId === providerPayment.id)
    return { payment, clientSecret: providerPayment.clientSecret, providerPayment };
  // The hold already has another payment (an authorisation from entry, or one made before its
  // idempotency key expired at the provider): this one is cancelled, never confirmed, and the
  // answer is the stored one with its own client secret, so one hold never has two payments.
  await provider
    .cancel({ paymentId: providerPayment.id, claimId })
    .catch((err) => console.error(`Payment ${providerPayment.id} of ${claimId}: not cancelled`, err));
  const stored = await provider.getPayment(payment.paymentId).catch(() => {
    throw new AppError("UNAVAILABLE", "The payment provider did not answer. Try again.", undefined, {
      "Retry-After": "2",
    });
  });
  return { payment, clientSecret: stored.clientSecret, providerPayment: stored };
}
