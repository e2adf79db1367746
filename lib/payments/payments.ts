import "server-only";
import { randomUUID } from "node:crypto";
import { batchGet } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import type { PaymentFailure, ProviderName, ProviderPayment } from "@/lib/payments/provider";
import type { PaymentStatus } from "@/lib/schemas/claim";
import { countPayment } from "@/lib/telemetry";

// `PAY#<claimId>`: the one payment of a hold. Its status only moves forward, by rank, so resends,
// duplicates and any order of delivery end in one state:
//   created (0) → failed (1) → authorised (2) → succeeded (3) | released (3) → refunded (4)
// (failed → succeeded: the shopper tried another card on the same payment; an authorisation is
// captured, succeeded, or released: equal ranks, so neither overtakes the other). Each transition is
// one conditional write: applied only if the item is behind it, and only for this payment's id. A
// released authorisation is the one payment another may replace: its winner checks out anew.

export type { PaymentStatus };
const ranks: Record<PaymentStatus, number> = {
  created: 0,
  failed: 1,
  authorised: 2,
  succeeded: 3,
  released: 3,
  refunded: 4,
};

export type Payment = {
  claimId: string;
  provider: ProviderName;
  paymentId: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  /** What the payment is for, in its caller's words (a draw entry: `entry#<dropId>#<shopperId>`). */
  ref?: string;
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
 * webhook that arrived first) is answered as it stands, with `ref` joined to it if it lacked one. A
 * released authorisation is replaced: the hold's later checkout pays with a payment of its own.
 */
export async function recordPayment({
  provider,
  payment,
  ref,
  now,
}: {
  provider: ProviderName;
  payment: ProviderPayment;
  ref?: string;
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
    rank: ranks.created,
    ...(ref ? { ref } : {}),
    createdAt: at,
    updatedAt: at,
  };
  const put = await writeIf(
    table.put({
      Item: item,
      // One item per hold: a resend after a lost answer, or a later checkout of the same hold, is
      // refused; but a released authorisation gives way to the hold's next payment (never to itself).
      ConditionExpression: "attribute_not_exists(pk) OR (#status = :released AND paymentId <> :pid)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":released": "released", ":pid": payment.id },
    }),
  );
  if (put.applied) {
    countPayment("created");
    return toPayment(item);
  }
  if (!ref) return (await getPayment({ claimId: payment.claimId }))!;
  // Its webhook may have written the item first (a crash between the provider's create and this
  // record): the ref joins it, on this payment only, never changing one it has.
  const joined = await writeIf(
    table.update({
      Key: keys.payment(payment.claimId),
      UpdateExpression: "SET #ref = if_not_exists(#ref, :ref)",
      ConditionExpression: "paymentId = :pid",
      ExpressionAttributeNames: { "#ref": "ref" },
      ExpressionAttributeValues: { ":ref": ref, ":pid": payment.id },
      ReturnValues: "ALL_NEW",
    }),
  );
  if (joined.applied) return toPayment(joined.output.Attributes!);
  return (await getPayment({ claimId: payment.claimId }))!;
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
        ":rank": ranks[to],
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
  if (write.applied) {
    countPayment(to);
    return { applied: true, payment: toPayment(write.output.Attributes!) };
  }
  const stored = await getPayment({ claimId: payment.claimId });
  // Refused: the SDK resent our own write after a lost answer (the item names this call), or the
  // payment is already as far or further (a duplicate, an older event).
  return { applied: stored?.moveId === moveId, payment: stored! };
}
