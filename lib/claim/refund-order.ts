import "server-only";
import { randomUUID } from "node:crypto";
import { withPayment } from "@/lib/claim/claim-payments";
import { faults } from "@/lib/claim/faults";
import { getClaimItem, toClaim, type RefundGate } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { ignoreRefusal, writeIf } from "@/lib/db/conditional";
import { claimIndexKeys, lists, setInList } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundPayment } from "@/lib/payments/refunds";
import { invalidateDropState } from "@/lib/stock/cache";
import { getDropState } from "@/lib/stock/reads";
import { dropStatus } from "@/lib/stock/status";
import { returnUnit } from "@/lib/stock/take";
import type { Claim, Order } from "@/lib/schemas/claim";

// An admin refunds one paid order in full, once, however often it is sent (a double click, two
// admins, a resend after a lost answer or a crash):
//   1. the gate: one conditional write on the claim sets `refund`, only on a confirmed, paid order
//      of the drop that has none. Its winner (known by the gate's id, also when the SDK resent the
//      write after a lost answer) is the only request that returns the unit;
//   2. with `restock`, while the drop sells: the gate itself counts the order out of the audit's
//      equation (lib/claim/audit.ts), then the unit goes back with one increment sent at most once
//      (lib/stock/take.ts). A crash or a lost answer strands it, and the audit returns it once no
//      writer can be in flight: never two units;
//   3. the provider's refund (idempotent per claim) and the payment moved to refunded;
//   4. the gate marked sent.
// A request that finds the gate taken by the same refund does 3 and 4 again, harmlessly, and
// answers the same: so the retry of a request that crashed after the gate finishes it.

export async function refundOrder({
  dropId,
  claimId,
  restock,
  now,
}: {
  dropId: string;
  claimId: string;
  restock: boolean;
  now: number;
}): Promise<Claim> {
  const provider = paymentProvider();
  if (!provider)
    throw new AppError(
      "NOT_PAID",
      "Payments are off: no order was paid through the app, so none is refunded.",
    );
  const item = paidOrder(await getClaimItem({ id: claimId }), dropId);
  let gate = item.refund as RefundGate | undefined;
  let ours = false;
  if (!gate) ({ gate, ours } = await takeGate({ item, dropId, claimId, restock, now }));
  if (gate.restock !== restock)
    throw new AppError(
      "ALREADY_REFUNDED",
      `This order was refunded already, ${gate.restock ? "with" : "without"} its unit back on sale.`,
    );
  if (ours) await faults.afterRefundGate?.(claimId);
  if (ours && gate.restocked) {
    await returnUnit({ dropId, shard: (item.stockShard as number | undefined) ?? 0 });
    invalidateDropState(dropId); // this server's next read shows the unit
  }
  if (gate.sentAt === undefined) await sendRefund({ provider, claimId, gate, now });
  return withPayment(toClaim((await getClaimItem({ id: claimId }))!));
}

/** The claim, if it is a paid order of this drop; otherwise why it cannot be refunded. */
function paidOrder(item: Record<string, unknown> | undefined, dropId: string): Record<string, unknown> {
  if (!item || item.dropId !== dropId) throw new AppError("NOT_FOUND", "No such order.");
  if (item.status !== "confirmed")
    throw new AppError(
      "NOT_AN_ORDER",
      `This claim is ${item.status as string}, not an order: nothing was paid.`,
    );
  if (!(item.order as Order | undefined)?.payment)
    throw new AppError(
      "NOT_PAID",
      "This order was written without a payment (a free drop, or payments off).",
    );
  return item;
}

/** Step 1: the gate, or the refund that took it first (ours after a lost answer, or another request's). */
async function takeGate({
  item,
  dropId,
  claimId,
  restock,
  now,
}: {
  item: Record<string, unknown>;
  dropId: string;
  claimId: string;
  restock: boolean;
  now: number;
}): Promise<{ gate: RefundGate; ours: boolean }> {
  const payment = await getPayment({ claimId });
  if (payment?.status !== "succeeded" || payment.paymentId !== (item.order as Order).payment!.paymentId) {
    // A concurrent request may have taken the gate and refunded it since the claim was read.
    const taken = paidOrder(await getClaimItem({ id: claimId }), dropId).refund as RefundGate | undefined;
    if (taken) return { gate: taken, ours: false };
    if (payment?.status === "refunded")
      throw new AppError("ALREADY_REFUNDED", "This order's payment was refunded already, at the provider.");
    throw new AppError("NOT_PAID", "This order's payment has not succeeded: there is nothing to refund.");
  }
  const restocked = restock && (await sells(dropId, now));
  // `at` is the time of the write, taken after the read above (which may retry for 30 s): the audit
  // waits WRITER_DEAD_MS after it, the time of two calls, this write and the unit's return.
  const gate: RefundGate = { id: randomUUID(), at: Date.now(), restock, restocked };
  // A unit back on sale: the order joins the drop's ended claims with it, as a hold's end does, so a
  // return lost after this write is still seen by the sweeper (lib/claim/sweep.ts).
  const ended = gate.restocked
    ? setInList(lists.endedOf(dropId), claimIndexKeys.ended(gate.at, claimId))
    : undefined;
  const write = await writeIf(
    table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET refund = :gate${ended ? `, ${ended.clause}` : ""}`,
      // A confirmed, paid order of this drop, refunded once: a second click or request is refused.
      ConditionExpression:
        "#status = :confirmed AND dropId = :drop AND attribute_exists(#order.payment) AND attribute_not_exists(refund)",
      ExpressionAttributeNames: { "#status": "status", "#order": "order" },
      ExpressionAttributeValues: {
        ":gate": gate,
        ":confirmed": "confirmed",
        ":drop": dropId,
        ...ended?.values,
      },
    }),
  );
  if (write.applied) return { gate, ours: true };
  const after = paidOrder(await getClaimItem({ id: claimId }), dropId);
  const taken = after.refund as RefundGate | undefined;
  if (!taken) throw new Error(`The refund gate of ${claimId} was refused, yet no refund is recorded.`);
  // The SDK resent our write after its answer was lost: the gate names this request.
  return { gate: taken, ours: taken.id === gate.id };
}

/** A unit goes back on sale only while the drop sells: a first-come drop in its window, not ended. */
async function sells(dropId: string, now: number): Promise<boolean> {
  const state = await getDropState({ id: dropId, consistent: true });
  return !!state && state.mode !== "draw" && ["live", "sold_out", "paused"].includes(dropStatus(state, now));
}

/** Steps 3 and 4: the refund at the provider, the payment refunded, the gate marked sent. */
async function sendRefund({
  provider,
  claimId,
  gate,
  now,
}: {
  provider: PaymentProvider;
  claimId: string;
  gate: RefundGate;
  now: number;
}): Promise<void> {
  const payment = (await getPayment({ claimId }))!;
  const refundId =
    payment.status === "refunded" ? undefined : (await refundPayment({ provider, payment, now })).refund.id;
  await table
    .update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET refund.sentAt = :now${refundId ? ", refund.refundId = :rid" : ""}`,
      // Once, on this refund's gate: a concurrent request that marked it first is left as it is.
      ConditionExpression: "refund.id = :gate AND attribute_not_exists(refund.sentAt)",
      ExpressionAttributeValues: { ":now": now, ":gate": gate.id, ...(refundId ? { ":rid": refundId } : {}) },
    })
    .catch(ignoreRefusal);
}
