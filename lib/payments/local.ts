import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { signPayload } from "@/lib/payments/signing";
import {
  idempotencyKeys,
  type CaptureMethod,
  type PaymentFailure,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderRefund,
  type ProviderStatus,
} from "@/lib/payments/provider";
import { safeEqual } from "@/lib/security/crypto";

// The local provider: Stripe's flow with no account. A payment per hold, confirmed with one of
// Stripe's documented test card numbers and its documented outcome; every change is sent as a
// Stripe-shaped event, signed with the stripe SDK's test header, into the app's own webhook.
// Its payments are items of the app's table (`LOCALPI#`), as Stripe keeps its own: every instance
// and a restarted one know them, so the reconciler can ask about a payment after a crash. Each
// change is one conditional write on the payment's status, so a double click changes it once.
// A manual-capture payment (a draw's entry) stops at `requires_capture` when its card is good, and is
// captured or released later, as Stripe's authorisations are.

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

/** What Stripe lets `cancel` move (of the statuses the local provider has). */
const cancelable: ProviderStatus[] = ["requires_payment_method", "requires_action", "requires_capture"];

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

type LocalPayment = ProviderPayment & { refund?: ProviderRefund; captureMethod?: CaptureMethod };

const localId = (prefix: string, seed: string) =>
  `${prefix}_local_${createHash("sha256").update(seed).digest("hex").slice(0, 24)}`;

export type LocalProvider = PaymentProvider & {
  /** The shopper's card step: a documented test number and its outcome. */
  confirmCard(input: {
    paymentId: string;
    clientSecret?: string;
    cardNumber: string;
  }): Promise<ProviderPayment>;
  /** The authentication step of 4000 0025 0000 3155: approved (succeeds, or is authorised) or refused (fails). */
  authenticate(input: {
    paymentId: string;
    clientSecret?: string;
    approve: boolean;
  }): Promise<ProviderPayment>;
};

const view = (p: LocalPayment): ProviderPayment => {
  const { id, claimId, amountMinor, currency, status, clientSecret, failure, last4 } = p;
  return {
    id,
    claimId,
    amountMinor,
    currency,
    status,
    clientSecret,
    ...(failure ? { failure } : {}),
    ...(last4 ? { last4 } : {}),
  };
};

async function read(paymentId: string, clientSecret?: string): Promise<LocalPayment> {
  const { Item } = await table.get({ Key: keys.localPayment(paymentId), ConsistentRead: true });
  // The browser proves it may confirm a payment with its client secret, as with Stripe.js.
  if (!Item || (clientSecret !== undefined && !safeEqual(clientSecret, Item.clientSecret as string)))
    throw new AppError("NOT_FOUND", "No such local payment.");
  return Item as LocalPayment;
}

/** Moves the payment from (one of) `from` to what `set` says; the payment after it, and whether this call moved it. */
async function move(
  paymentId: string,
  from: ProviderStatus | ProviderStatus[],
  set: { status: ProviderStatus; failure?: PaymentFailure; last4?: string; refund?: ProviderRefund },
): Promise<{ moved: boolean; payment: LocalPayment }> {
  const fields = Object.entries(set).filter(([, v]) => v !== undefined);
  const froms = [from].flat();
  const fromNames = froms.map((_, i) => `:from${i}`);
  const write = await writeIf(
    table.update({
      Key: keys.localPayment(paymentId),
      UpdateExpression:
        `SET ${fields.map(([k]) => `#${k} = :${k}`).join(", ")}` +
        (set.failure || set.refund ? "" : " REMOVE #failure"),
      ConditionExpression:
        `#status IN (${fromNames.join(", ")})` +
        (set.refund !== undefined ? " AND attribute_not_exists(#refund)" : ""),
      ExpressionAttributeNames: {
        ...Object.fromEntries(fields.map(([k]) => [`#${k}`, k])),
        "#status": "status",
        ...(set.failure || set.refund ? {} : { "#failure": "failure" }),
        ...(set.refund !== undefined ? { "#refund": "refund" } : {}),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])),
        ...Object.fromEntries(froms.map((f, i) => [fromNames[i], f])),
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  if (write.applied) return { moved: true, payment: write.output.Attributes as LocalPayment };
  return { moved: false, payment: await read(paymentId) };
}

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
    // only logged: the payment stands at the provider either way, and the reconciler asks about it.
    await deliver(payload, signPayload(payload)).catch((err) =>
      console.error(`Local payments: ${type} was not delivered`, err),
    );
  };
  const intent = (p: LocalPayment) => ({
    id: p.id,
    object: "payment_intent",
    amount: p.amountMinor,
    amount_capturable: p.status === "requires_capture" ? p.amountMinor : 0,
    amount_received: p.status === "succeeded" ? p.amountMinor : 0,
    capture_method: p.captureMethod ?? "automatic",
    currency: p.currency,
    status: p.status,
    metadata: { claimId: p.claimId },
    last_payment_error: p.failure
      ? { code: p.failure.code, decline_code: p.failure.declineCode, message: p.failure.message }
      : null,
  });
  /** Emits the event of a payment's new status (only the call that moved it does). */
  const announce = async ({ moved, payment }: { moved: boolean; payment: LocalPayment }) => {
    if (!moved) return view(payment);
    if (payment.status === "succeeded") await emit("payment_intent.succeeded", intent(payment));
    else if (payment.status === "requires_capture")
      await emit("payment_intent.amount_capturable_updated", intent(payment));
    else if (payment.status === "canceled") await emit("payment_intent.canceled", intent(payment));
    else if (payment.status === "requires_action")
      await emit("payment_intent.requires_action", intent(payment));
    else if (payment.failure) await emit("payment_intent.payment_failed", intent(payment));
    return view(payment);
  };

  return {
    name: "local",
    async createPayment({ claimId, amountMinor, currency, capture = "automatic" }) {
      // An authorisation is another payment than the same claim's ordinary one, as its key is at Stripe.
      const id = localId("pi", capture === "manual" ? idempotencyKeys.authorise(claimId) : claimId);
      const p: LocalPayment = {
        id,
        claimId,
        amountMinor,
        currency: currency.toLowerCase(),
        status: "requires_payment_method",
        clientSecret: `${id}_secret_${randomUUID().replaceAll("-", "")}`,
        captureMethod: capture,
      };
      // One payment per hold: a second create (a resend, a retried checkout) answers the first.
      const put = await writeIf(
        table.put({
          Item: { ...keys.localPayment(id), ...p },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      if (!put.applied) return view(await read(id));
      await emit("payment_intent.created", intent(p));
      return view(p);
    },
    async getPayment(paymentId) {
      return view(await read(paymentId));
    },
    async confirmCard({ paymentId, clientSecret, cardNumber }) {
      const p = await read(paymentId, clientSecret);
      if (p.status !== "requires_payment_method") return view(p);
      const digits = cardNumber.replace(/\s/g, "");
      const card = testCards[digits as TestCard];
      if (!card)
        throw new AppError("INVALID_REQUEST", "The local provider takes Stripe's test card numbers only.");
      const last4 = digits.slice(-4);
      const good = p.captureMethod === "manual" ? "requires_capture" : "succeeded";
      if (card.outcome === "failed")
        return announce(
          await move(paymentId, "requires_payment_method", {
            status: "requires_payment_method",
            failure: card.failure,
            last4,
          }),
        );
      const status = card.outcome === "succeeded" ? good : card.outcome;
      return announce(await move(paymentId, "requires_payment_method", { status, last4 }));
    },
    async authenticate({ paymentId, clientSecret, approve }) {
      const p = await read(paymentId, clientSecret);
      if (p.status !== "requires_action") return view(p);
      const good = p.captureMethod === "manual" ? "requires_capture" : "succeeded";
      if (approve) return announce(await move(paymentId, "requires_action", { status: good }));
      const failure = {
        code: "payment_intent_authentication_failure",
        message: "The card's authentication was refused.",
      };
      return announce(
        await move(paymentId, "requires_action", { status: "requires_payment_method", failure }),
      );
    },
    async capture({ paymentId }) {
      const moved = await move(paymentId, "requires_capture", { status: "succeeded" });
      if (moved.payment.status !== "succeeded")
        throw new AppError(
          "PAYMENT_NOT_CAPTURABLE",
          `The payment is ${moved.payment.status}: only an authorised card is captured.`,
        );
      return announce(moved);
    },
    async cancel({ paymentId }) {
      const moved = await move(paymentId, cancelable, { status: "canceled" });
      if (moved.payment.status !== "canceled")
        throw new AppError(
          "PAYMENT_NOT_CAPTURABLE",
          `The payment is ${moved.payment.status}: charged already, only a refund gives it back.`,
        );
      return announce(moved);
    },
    async refund({ paymentId, claimId }) {
      const p = await read(paymentId);
      if (p.refund) return p.refund;
      if (p.status !== "succeeded")
        throw new AppError("INVALID_REQUEST", "Only a succeeded payment is refunded.");
      const refund = { id: localId("re", claimId), paymentId, status: "succeeded" };
      const { moved, payment } = await move(paymentId, "succeeded", { status: "succeeded", refund });
      // Refunded once, whoever asked: the event goes out from the call that recorded the refund.
      if (moved)
        await emit("refund.created", {
          id: refund.id,
          object: "refund",
          payment_intent: paymentId,
          amount: p.amountMinor,
          currency: p.currency,
          status: "succeeded",
          metadata: { claimId },
        });
      return payment.refund!;
    },
  };
}
