import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/schemas/zod";
import { eventRecorded, recordEvent } from "@/lib/payments/events";
import { advancePayment, getPayment, type Payment, type PaymentStatus } from "@/lib/payments/payments";
import { verifyPayload } from "@/lib/payments/signing";

// POST /api/webhooks/payments: one signed event at a time, from Stripe or the local provider. The
// signature is verified first (nothing is read or written for a forged one), then the event moves the
// hold's payment forward (lib/payments/payments.ts), the caller's effect runs (the hold's order, in
// lib/claim), and the event is recorded as applied (lib/payments/events.ts), last: a crash anywhere
// before leaves it unrecorded, and the provider's resend runs every step again harmlessly.
// Delivered at least once and in any order: a recorded event answers at once, an unrecorded one is
// applied again harmlessly, an older one cannot move a payment back.

const metadata = z.object({ claimId: z.string().min(1).optional() }).optional();
const paymentIntent = z.object({
  id: z.string().min(1),
  amount: z.number().int().min(0),
  currency: z.string().min(3),
  metadata,
  last_payment_error: z
    .object({
      code: z.string().optional(),
      decline_code: z.string().optional(),
      message: z.string().optional(),
    })
    .nullish(),
});
const refund = z.object({
  id: z.string().min(1),
  payment_intent: z.string().min(1),
  amount: z.number().int().min(0),
  currency: z.string().min(3),
  status: z.string(),
  metadata,
});
const event = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.unknown() }),
});

export type WebhookOutcome = {
  eventId: string;
  type: string;
  /** Recorded before: nothing was done. */
  duplicate: boolean;
  /** The payment this event moved (or found already as far), when it concerns one of ours. */
  payment?: Payment;
  /** This delivery moved the payment (the hold's later effects key on it). */
  applied: boolean;
};

type Move = {
  /** Undefined for an event that moves no status but has an effect (an authentication step). */
  to?: Exclude<PaymentStatus, "created">;
  payment: { id: string; claimId: string; amountMinor: number; currency: string };
  failure?: Payment["failure"];
};

/**
 * What an event means for a hold's payment, given to the room that owns the hold before the event is
 * recorded: `payment` as it stands after this event's move (or as it stood, for an event that moves
 * nothing). Runs again for every unrecorded delivery, so it must be safe to repeat.
 */
export type PaymentEffect = (input: {
  type: string;
  claimId: string;
  paymentId: string;
  payment: Payment | undefined;
  /** This delivery moved the payment (once per move: what to tell somebody about is keyed on it). */
  applied: boolean;
  now: number;
}) => Promise<void>;

/** The PaymentIntent events that move a payment, and where to. */
const intentMoves: Record<string, Move["to"]> = {
  "payment_intent.succeeded": "succeeded",
  // Stripe's event for an authorisation (manual capture): the card is held, not charged.
  "payment_intent.amount_capturable_updated": "authorised",
  "payment_intent.canceled": "released",
  "payment_intent.payment_failed": "failed",
  // Moves nothing, but has an effect (the hold's longer deadline).
  "payment_intent.requires_action": undefined,
};

/** The hold an event's object names (our metadata); none for another integration's objects. */
const ourClaim = (object: unknown) =>
  z.object({ metadata: z.object({ claimId: z.string().min(1) }) }).safeParse(object).data?.metadata.claimId;

/** What an event asks of a payment; undefined for events that move nothing or are not ours. */
function moveOf(type: string, object: unknown): Move | undefined {
  // Another integration's objects on the same account (a refund with no PaymentIntent, say) are
  // answered 200 whatever their shape: a 4xx would be resent for days.
  if (!ourClaim(object)) return undefined;
  if (Object.hasOwn(intentMoves, type)) {
    const pi = paymentIntent.parse(object);
    const claimId = pi.metadata?.claimId;
    if (!claimId) return undefined;
    const payment = { id: pi.id, claimId, amountMinor: pi.amount, currency: pi.currency };
    const to = intentMoves[type];
    if (to !== "failed") return { to, payment };
    const e = pi.last_payment_error;
    const failure = {
      code: e?.code ?? "payment_failed",
      ...(e?.decline_code ? { declineCode: e.decline_code } : {}),
      message: e?.message ?? "The payment failed.",
    };
    return { to: "failed", payment, failure };
  }
  if (type === "refund.created" || type === "refund.updated") {
    const r = refund.parse(object);
    const claimId = r.metadata?.claimId;
    if (!claimId || r.status !== "succeeded") return undefined;
    return {
      to: "refunded",
      payment: { id: r.payment_intent, claimId, amountMinor: r.amount, currency: r.currency },
    };
  }
  return undefined;
}

/** Verifies and applies one delivery of a webhook event (`payload` exactly as received). */
export async function receivePaymentEvent({
  payload,
  signature,
  now,
  effect,
}: {
  payload: string;
  signature: string | null;
  now: number;
  effect?: PaymentEffect;
}): Promise<WebhookOutcome> {
  const provider = env().PAYMENTS;
  if (provider === "off") throw new AppError("NOT_FOUND", "Payments are off.");
  const parsed = event.safeParse(verifyPayload(payload, signature));
  if (!parsed.success) throw new AppError("INVALID_REQUEST", "The event is not one the app reads.");
  const { id: eventId, type } = parsed.data;
  if (await eventRecorded({ eventId })) return { eventId, type, duplicate: true, applied: false };
  let move: Move | undefined;
  try {
    move = moveOf(type, parsed.data.data.object);
  } catch {
    throw new AppError("INVALID_REQUEST", `The ${type} event's object is not one the app reads.`);
  }
  const moved =
    move?.to !== undefined
      ? await advancePayment({ provider, ...move, to: move.to, eventId, now })
      : undefined;
  if (move && effect) {
    const payment = moved?.payment ?? (await getPayment({ claimId: move.payment.claimId }));
    const applied = moved?.applied ?? false;
    await effect({ type, claimId: move.payment.claimId, paymentId: move.payment.id, payment, applied, now });
  }
  const fresh = await recordEvent({ eventId, type, claimId: move?.payment.claimId, now });
  return {
    eventId,
    type,
    duplicate: !fresh && !moved?.applied,
    applied: moved?.applied ?? false,
    ...(moved ? { payment: moved.payment } : {}),
  };
}
