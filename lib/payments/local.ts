import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { signPayload } from "@/lib/payments/signing";
import type {
  PaymentFailure,
  PaymentProvider,
  ProviderPayment,
  ProviderRefund,
} from "@/lib/payments/provider";

// The local provider: Stripe's flow with no account. A payment per hold, confirmed with one of
// Stripe's documented test card numbers and its documented outcome; every change is sent as a
// Stripe-shaped event, signed with the stripe SDK's test header, into the app's own webhook.
// Its payments live in this process's memory (a restart forgets them; the app's PAY# items stay).

/** Stripe's test cards (docs.stripe.com/testing) and what each does. */
export const testCards = {
  "4242424242424242": { outcome: "succeeded" },
  "4000000000000002": {
    outcome: "failed",
    failure: { code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." },
  },
  "4000000000009995": {
    outcome: "failed",
    failure: {
      code: "card_declined",
      declineCode: "insufficient_funds",
      message: "Your card has insufficient funds.",
    },
  },
  "4000002500003155": { outcome: "requires_action" },
} as const satisfies Record<string, { outcome: string; failure?: PaymentFailure }>;
export type TestCard = keyof typeof testCards;

/** Sends one signed event to the webhook (by default over HTTP to this app's own route). */
export type Deliver = (payload: string, signature: string) => Promise<void>;

const overHttp: Deliver = async (payload, signature) => {
  const res = await fetch(`${appUrl()}/api/webhooks/payments`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body: payload,
  });
  if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
};

type LocalPayment = ProviderPayment & { refund?: ProviderRefund };
/** This process's payments, by claim id (one per hold) and by payment id. */
const byClaim = new Map<string, LocalPayment>();
const byId = new Map<string, LocalPayment>();

const localId = (prefix: string, seed: string) =>
  `${prefix}_local_${createHash("sha256").update(seed).digest("hex").slice(0, 24)}`;

export type LocalProvider = PaymentProvider & {
  /** The shopper's card step: a documented test number and its outcome. */
  confirmCard(input: { paymentId: string; cardNumber: string }): Promise<ProviderPayment>;
  /** The authentication step of 4000 0025 0000 3155: approved (succeeds) or refused (fails). */
  authenticate(input: { paymentId: string; approve: boolean }): Promise<ProviderPayment>;
};

export function localProvider({ deliver = overHttp }: { deliver?: Deliver } = {}): LocalProvider {
  const emit = async (type: string, object: Record<string, unknown>) => {
    const payload = JSON.stringify({
      id: `evt_local_${randomUUID().replaceAll("-", "")}`,
      object: "event",
      type,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    });
    // Delivered at least once by the provider's resends in real life; here once, and a failure is
    // only logged: the payment stands at the provider either way, as it would at Stripe.
    await deliver(payload, signPayload(payload)).catch((err) =>
      console.error(`Local payments: ${type} was not delivered`, err),
    );
  };
  const intent = (p: LocalPayment) => ({
    id: p.id,
    object: "payment_intent",
    amount: p.amountMinor,
    currency: p.currency,
    status: p.status,
    metadata: { claimId: p.claimId },
    last_payment_error: p.failure
      ? { code: p.failure.code, decline_code: p.failure.declineCode, message: p.failure.message }
      : null,
  });
  const find = (paymentId: string) => {
    const p = byId.get(paymentId);
    if (!p) throw new AppError("NOT_FOUND", "No such local payment.");
    return p;
  };
  const view = (p: LocalPayment): ProviderPayment => {
    const { id, claimId, amountMinor, currency, status, clientSecret, failure } = p;
    return { id, claimId, amountMinor, currency, status, clientSecret, ...(failure ? { failure } : {}) };
  };

  return {
    name: "local",
    async createPayment({ claimId, amountMinor, currency }) {
      const known = byClaim.get(claimId);
      if (known) return view(known);
      const id = localId("pi", claimId);
      const p: LocalPayment = {
        id,
        claimId,
        amountMinor,
        currency: currency.toLowerCase(),
        status: "requires_payment_method",
        clientSecret: `${id}_secret_${randomUUID().replaceAll("-", "")}`,
      };
      byClaim.set(claimId, p);
      byId.set(id, p);
      await emit("payment_intent.created", intent(p));
      return view(p);
    },
    async getPayment(paymentId) {
      return view(find(paymentId));
    },
    async confirmCard({ paymentId, cardNumber }) {
      const p = find(paymentId);
      if (p.status !== "requires_payment_method") return view(p);
      const card = testCards[cardNumber.replace(/\s/g, "") as TestCard];
      if (!card)
        throw new AppError("INVALID_REQUEST", "The local provider takes Stripe's test card numbers only.");
      if (card.outcome === "succeeded") {
        p.status = "succeeded";
        await emit("payment_intent.succeeded", intent(p));
      } else if (card.outcome === "requires_action") {
        p.status = "requires_action";
        await emit("payment_intent.requires_action", intent(p));
      } else {
        p.failure = card.failure;
        await emit("payment_intent.payment_failed", intent(p));
      }
      return view(p);
    },
    async authenticate({ paymentId, approve }) {
      const p = find(paymentId);
      if (p.status !== "requires_action") return view(p);
      if (approve) {
        p.status = "succeeded";
        await emit("payment_intent.succeeded", intent(p));
      } else {
        p.status = "requires_payment_method";
        p.failure = {
          code: "payment_intent_authentication_failure",
          message: "The card's authentication was refused.",
        };
        await emit("payment_intent.payment_failed", intent(p));
      }
      return view(p);
    },
    async refund({ paymentId, claimId }) {
      const p = find(paymentId);
      if (p.refund) return p.refund;
      if (p.status !== "succeeded")
        throw new AppError("INVALID_REQUEST", "Only a succeeded payment is refunded.");
      p.refund = { id: localId("re", claimId), paymentId, status: "succeeded" };
      await emit("refund.created", {
        id: p.refund.id,
        object: "refund",
        payment_intent: paymentId,
        amount: p.amountMinor,
        currency: p.currency,
        status: "succeeded",
        metadata: { claimId },
      });
      return p.refund;
    },
  };
}
