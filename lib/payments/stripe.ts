import "server-only";
import Stripe from "stripe";
import {
  idempotencyKeys,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderStatus,
} from "@/lib/payments/provider";

// The stripe provider: PaymentIntents through the official SDK, server side only. Every create is
// sent with an idempotency key derived from the hold (the SDK resends a failed request with the
// same key), so a resend, a retry of checkout or a second server never makes a second payment.

export type StripeOptions = {
  secretKey: string;
  /** A stand-in of Stripe's API (tests): host, port and protocol of the SDK's requests. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
};

type Intent = Awaited<ReturnType<Stripe["paymentIntents"]["retrieve"]>>;

const toPayment = (pi: Intent): ProviderPayment => {
  const e = pi.last_payment_error;
  // Expanded by getPayment: the charge that paid, and its card.
  const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : undefined;
  const last4 = charge?.payment_method_details?.card?.last4;
  return {
    id: pi.id,
    claimId: pi.metadata?.claimId ?? "",
    amountMinor: pi.amount,
    currency: pi.currency,
    status: pi.status as ProviderStatus,
    clientSecret: pi.client_secret ?? "",
    ...(e
      ? {
          failure: {
            code: e.code ?? "payment_failed",
            ...(e.decline_code ? { declineCode: e.decline_code } : {}),
            message: e.message ?? "The payment failed.",
          },
        }
      : {}),
    ...(last4 ? { last4 } : {}),
  };
};

export function stripeProvider({ secretKey, host, port, protocol }: StripeOptions): PaymentProvider {
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    ...(protocol ? { protocol } : {}),
  });
  return {
    name: "stripe",
    async createPayment({ claimId, amountMinor, currency }) {
      const pi = await stripe.paymentIntents.create(
        {
          amount: amountMinor,
          currency: currency.toLowerCase(),
          metadata: { claimId },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: idempotencyKeys.payment(claimId) },
      );
      return toPayment(pi);
    },
    async getPayment(paymentId) {
      return toPayment(await stripe.paymentIntents.retrieve(paymentId, { expand: ["latest_charge"] }));
    },
    async refund({ paymentId, claimId }) {
      const refund = await stripe.refunds.create(
        { payment_intent: paymentId, metadata: { claimId } },
        { idempotencyKey: idempotencyKeys.refund(claimId) },
      );
      return { id: refund.id, paymentId, status: refund.status ?? "pending" };
    },
  };
}
