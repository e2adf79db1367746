import "server-only";
import Stripe from "stripe";
import { AppError } from "@/lib/errors";
import {
  idempotencyKeys,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderStatus,
} from "@/lib/payments/provider";

// The stripe provider: PaymentIntents through the official SDK, server side only. Every create,
// capture and refund is sent with an idempotency key derived from the hold, a cancel with one from
// its PaymentIntent (the SDK resends a failed request with the same key), so a resend, a retry or a
// second server does it once.

export type StripeOptions = {
  secretKey: string;
  /** A stand-in of Stripe's API (tests): host, port and protocol of the SDK's requests. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
};

type Intent = Awaited<ReturnType<Stripe["paymentIntents"]["retrieve"]>>;

/** Stripe's answer to a capture or cancel of a PaymentIntent whose status does not allow it. */
const unexpectedState = (err: unknown) =>
  err instanceof Stripe.errors.StripeInvalidRequestError && err.code === "payment_intent_unexpected_state";

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
  const retrieve = async (paymentId: string) =>
    toPayment(await stripe.paymentIntents.retrieve(paymentId, { expand: ["latest_charge"] }));
  /**
   * A capture or cancel Stripe refused for the PaymentIntent's status (a key older than Stripe keeps
   * no longer replays the first answer): done already is answered as it stands, else not capturable.
   */
  const already = async (err: unknown, paymentId: string, done: ProviderStatus) => {
    if (!unexpectedState(err)) throw err;
    const pi = await retrieve(paymentId);
    if (pi.status !== done)
      throw new AppError(
        "PAYMENT_NOT_CAPTURABLE",
        `The payment is ${pi.status}: it cannot be ${done === "succeeded" ? "captured" : "released"}.`,
      );
    return pi;
  };
  return {
    name: "stripe",
    async createPayment({ claimId, amountMinor, currency, capture = "automatic" }) {
      const manual = capture === "manual";
      const pi = await stripe.paymentIntents.create(
        {
          amount: amountMinor,
          currency: currency.toLowerCase(),
          metadata: { claimId },
          automatic_payment_methods: { enabled: true },
          ...(manual ? { capture_method: "manual" as const } : {}),
        },
        { idempotencyKey: (manual ? idempotencyKeys.authorise : idempotencyKeys.payment)(claimId) },
      );
      return toPayment(pi);
    },
    getPayment: retrieve,
    async capture({ paymentId, claimId }) {
      return stripe.paymentIntents
        .capture(paymentId, {}, { idempotencyKey: idempotencyKeys.capture(claimId) })
        .then(toPayment, (err) => already(err, paymentId, "succeeded"));
    },
    async cancel({ paymentId }) {
      return stripe.paymentIntents
        .cancel(paymentId, {}, { idempotencyKey: idempotencyKeys.cancel(paymentId) })
        .then(toPayment, (err) => already(err, paymentId, "canceled"));
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
