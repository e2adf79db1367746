import "server-only";
import { randomUUID } from "node:crypto";
import { batchGet } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import type { PaymentFailure, ProviderName, ProviderPayment } from "@/lib/payments/provider";
import { paymentStatuses } from "@/lib/schemas/claim";

// `PAY#<claimId>`: the one payment of a hold. Its status only moves forward, by rank, so resends,
// duplicates and any order of delivery end in one state:
//   created (0) → failed (1) → succeeded (2) → refunded (3)
// (failed → succeeded: the shopper tried another card on the same payment). Each transition is one
// conditional write: applied only if the item is behind it, and only for this payment's id.

export type PaymentStatus = (typeof paymentStatuses)[number];
const rank = (status: PaymentStatus) => paymentStatuses.indexOf(status);

export type Payment = {
  claimId: string;
  provider: ProviderName;
  paymentId: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  createdAt: string;
  updatedAt: string;
  failure?: PaymentFailure;
  /** The webhook event that last moved the status. */
  eventId?: string;
  /** The one delivery of it that moved it (a duplicate delivered at the same time carries the same event id). */
  moveId?: string;
};

/** The item without its key and rank (the order of statuses is this module's own). */
const toPayment = (item: Record<string, unknown>): Payment =>
  Object.fromEntries(Object.entries(item).filter(([k]) => k !== "pk" && k !== "rank")) as Payment;

export async function getPayment({ claimId }: { claimId: string }): Promise<Payment | undefined> {
  const { Item } = await table.get({ Key: keys.payment(claimId), ConsistentRead: true });
  return Item ? toPayment(Item) : undefined;
}

/** The payments of these holds (a hold without one is left out), read together and consistently. */
export async function listPayments({ claimIds }: { claimIds: string[] }): Promise<Payment[]> {
  return (await batchGet(claimIds.map(keys.payment), true)).map(toPayment);
}

/**
 * Records a hold's payment as created. Idempotent: a payment already recorded (by a resend, or by a
 * webhook that arrived first) is answered as it stands.
 */
export async function recordPayment({
  provider,
  payment,
  now,
}: {
  provider: ProviderName;
  payment: ProviderPayment;
  now: number;
}): Promise<Payment> {
  const at = new Date(now).toISOString();
  const item = {
    ...keys.payment(payment.claimId),
    claimId: payment.claimId,
    provider,
    paymentId: payment.id,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    status: "created",
    rank: rank("created"),
    createdAt: at,
    updatedAt: at,
  };
  // One item per hold: a resend after a lost answer, or a later checkout of the same hold, is refused.
  const put = await writeIf(table.put({ Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
  if (put.applied) return toPayment(item);
  const stored = await getPayment({ claimId: payment.claimId });
  return stored!;
}

/**
 * Moves a hold's payment to `to` if it is behind it, as a webhook event says. The event carries the
 * payment's amount and currency, so an event that arrives before `recordPayment` writes the item
 * itself. Answers whether this call moved it, and the payment as it stands.
 */
export async function advancePayment({
  provider,
  payment,
  to,
  eventId,
  failure,
  now,
}: {
  provider: ProviderName;
  payment: Pick<ProviderPayment, "id" | "claimId" | "amountMinor" | "currency">;
  to: Exclude<PaymentStatus, "created">;
  eventId: string;
  failure?: PaymentFailure;
  now: number;
}): Promise<{ applied: boolean; payment: Payment }> {
  const at = new Date(now).toISOString();
  const moveId = randomUUID();
  const write = await writeIf(
    table.update({
      Key: keys.payment(payment.claimId),
      UpdateExpression: `SET #status = :to, #rank = :rank, updatedAt = :at, eventId = :event, moveId = :move, provider = :provider, paymentId = :pid, amountMinor = :amount, currency = :currency, createdAt = if_not_exists(createdAt, :at), claimId = :claim${failure ? ", failure = :failure" : " REMOVE failure"}`,
      // Forward only, and only this hold's payment: a resend, a duplicate or an older event is refused.
      ConditionExpression: "attribute_not_exists(pk) OR (#rank < :rank AND paymentId = :pid)",
      ExpressionAttributeNames: { "#status": "status", "#rank": "rank" },
      ExpressionAttributeValues: {
        ":to": to,
        ":rank": rank(to),
        ":at": at,
        ":event": eventId,
        ":move": moveId,
        ":provider": provider,
        ":pid": payment.id,
        ":amount": payment.amountMinor,
        ":currency": payment.currency,
        ":claim": payment.claimId,
        ...(failure ? { ":failure": failure } : {}),
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  if (write.applied) return { applied: true, payment: toPayment(write.output.Attributes!) };
  const stored = await getPayment({ claimId: payment.claimId });
  // Refused: the SDK resent our own write after a lost answer (the item names this call), or the
  // payment is already as far or further (a duplicate, an older event).
  return { applied: stored?.moveId === moveId, payment: stored! };
}
