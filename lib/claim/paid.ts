import "server-only";
import { confirmHold } from "@/lib/claim/checkout";
import { mailConfirmation } from "@/lib/claim/confirmation-mail";
import { faults } from "@/lib/claim/faults";
import { expireHold, extendHold } from "@/lib/claim/holds";
import { reserveOrderEmail } from "@/lib/claim/order-email";
import { getClaimItem } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { claimIndexKeys, listQuery, lists, moveToList } from "@/lib/db/lists";
import { AppError } from "@/lib/errors";
import { sendLateRefund } from "@/lib/mail/order-confirmation";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { advancePayment, getPayment, type Payment } from "@/lib/payments/payments";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundPayment } from "@/lib/payments/refunds";
import type { PaymentEffect } from "@/lib/payments/webhook";
import type { Order } from "@/lib/schemas/claim";

// What a hold's payment does to the hold (issue 24). Every path that learns a payment succeeded
// (its webhook, any number of times, in any order; the reconciler; a checkout sent again) calls
// `orderPaid`, which ends in exactly one of: the hold confirmed into an order (once: the confirm is
// conditional on the hold being live, lib/claim/checkout.ts), or, for a hold that ended first, the
// payment refunded (once: the refund's idempotency key is the hold's). A failed card leaves the hold
// to its deadline, so the shopper can try another.

/** The webhook's effect on a hold (lib/payments/webhook.ts runs it before recording the event). */
export const settlePayment: PaymentEffect = async ({ type, claimId, paymentId, payment, applied, now }) => {
  // A slow authentication step must not lose the unit: the hold is extended, once.
  if (type === "payment_intent.requires_action") return void (await extendHold({ claimId, paymentId, now }));
  if (payment?.paymentId !== paymentId) return;
  if (payment.status === "succeeded") await orderPaid({ claimId, payment, now });
  // The refund of a late payment went through: the shopper is told by mail, once (the move's delivery).
  if (payment.status === "refunded" && applied) await tellRefunded(claimId, payment);
};

async function tellRefunded(claimId: string, payment: Payment): Promise<void> {
  const item = await getClaimItem({ id: claimId });
  const order = item?.pendingOrder as Order | undefined;
  if (!order || item?.status === "confirmed") return; // an order's refund is the admin's to tell
  await sendLateRefund(order, payment).catch((err) =>
    console.error(`Refund of ${claimId}: the mail failed`, err),
  );
}

export async function orderPaid({
  claimId,
  payment,
  now,
}: {
  claimId: string;
  payment: Payment;
  now: number;
}): Promise<"ordered" | "refunded" | "not ours"> {
  const item = await getClaimItem({ id: claimId });
  if (!item || item.paymentId !== payment.paymentId) return "not ours";
  if (item.status === "confirmed") return "ordered";
  if (payment.status === "refunded") return "refunded"; // e.g. the reconciler read it after its refund
  if (payment.status !== "succeeded") return "not ours";
  if (item.status === "held" && (item.holdUntil as number) > now) {
    await faults.beforePaidOrder?.(claimId);
    try {
      const order = { ...(item.pendingOrder as Order), payment: await paidWith(payment) };
      const { claim, fresh } = await confirmHold({
        claimId,
        dropId: item.dropId as string,
        shopperId: item.shopperId as string,
        order,
        now,
      });
      if (fresh) await mailConfirmation(claim);
      return "ordered";
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const after = await getClaimItem({ id: claimId });
      if (after?.status === "confirmed") return "ordered";
      // Still live (another checkout's lease, say): the provider's resend or the reconciler tries again.
      if (after?.status === "held" && (after.holdUntil as number) > now) throw err;
    }
  }
  // The hold ended before its payment succeeded: the money goes back. Ended for good first, so no
  // confirm can follow the refund; refunded only once the hold is surely over.
  if (!(await expireHold({ claimId, dropId: item.dropId as string, now }))) {
    const after = await getClaimItem({ id: claimId });
    if (after?.status === "confirmed") return "ordered";
    // Still held (its deadline moved on meanwhile): neither yet; the resend or the reconciler decides.
    if (after?.status === "held") throw new Error(`Hold ${claimId} is live again; its payment waits`);
  }
  const refunded = await refundPayment({ provider: paymentProvider()!, payment, now });
  // The shopper is told once: by whichever write moved the payment to refunded (here, or its webhook).
  if (refunded.moved) await tellRefunded(claimId, refunded.payment);
  return "refunded";
}

/**
 * A draw winner's hold paid by the card authorised at entry (lib/entries/paid-entry.ts): captured,
 * then ordered as any paid hold is (once). An authorisation that can no longer be captured (released,
 * expired) leaves the hold to check out with a new payment. Safe to repeat: the capture's idempotency
 * key is the hold's, and a captured payment goes straight to its order.
 */
export async function captureHold({
  claimId,
  now,
}: {
  claimId: string;
  now: number;
}): Promise<"ordered" | "refunded" | "check out" | "not ours"> {
  const provider = paymentProvider();
  let payment = provider && (await getPayment({ claimId }));
  if (!provider || !payment) return "not ours";
  // Only the payment the hold names: a released one's successor is its checkout's.
  const hold = await getClaimItem({ id: claimId });
  if (hold?.paymentId !== payment.paymentId) return "not ours";
  const { paymentId, amountMinor, currency } = payment;
  const move = { provider: provider.name, payment: { id: paymentId, claimId, amountMinor, currency }, now };
  const release = async () => {
    await provider.cancel({ paymentId, claimId }).catch((err) => {
      if (!(err instanceof AppError && err.code === "PAYMENT_NOT_CAPTURABLE")) throw err;
    });
    await advancePayment({ ...move, to: "released", eventId: `released-${paymentId}` });
  };
  // Released (by the losers' sweep racing this offer, or a crash after the move below): checks out.
  if (payment.status === "released") return letCheckOut(claimId, paymentId);
  if (payment.status !== "authorised") return orderPaid({ claimId, payment, now });
  // A hold that ended before its capture (the provider down all along): released, never charged.
  if (hold.status !== "held" || (hold.holdUntil as number) <= now) {
    await release();
    return "not ours";
  }
  // The email is the order's before the card is charged: another shopper's order under it (taken
  // over since entry) means no charge, and a checkout with another email.
  const order = hold.pendingOrder as Order | undefined;
  if (order) {
    const refused = await reserveOrderEmail({
      dropId: hold.dropId as string,
      shopperId: hold.shopperId as string,
      claimId,
      email: order.buyer.email,
    }).then(
      () => false,
      (err) => {
        if (err instanceof AppError && err.code === "EMAIL_HAS_ORDER") return true;
        throw err;
      },
    );
    if (refused) {
      await release();
      return letCheckOut(claimId, paymentId);
    }
  }
  try {
    await provider.capture({ paymentId, claimId });
    ({ payment } = await advancePayment({ ...move, to: "succeeded", eventId: `captured-${paymentId}` }));
  } catch (err) {
    if (!(err instanceof AppError && err.code === "PAYMENT_NOT_CAPTURABLE")) throw err;
    await advancePayment({ ...move, to: "released", eventId: `released-${paymentId}` });
    return letCheckOut(claimId, paymentId);
  }
  return orderPaid({ claimId, payment, now });
}

/**
 * The hold no longer names its released authorisation: its checkout makes a payment of its own. A
 * live hold moves back to the drop's unpaid holds; an ended one is in neither list and stays out.
 */
async function letCheckOut(claimId: string, paymentId: string): Promise<"check out"> {
  const hold = await getClaimItem({ id: claimId });
  if (hold?.paymentId !== paymentId) return "check out";
  const unpaid = moveToList(claimIndexKeys.holds(hold.dropId as string, false));
  const live = hold.status === "held";
  const write = await writeIf(
    table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `REMOVE paymentId${live ? ` SET ${unpaid.clause}` : ""}`,
      ConditionExpression: `paymentId = :pid${live ? " AND #status = :held" : ""}`,
      ...(live ? { ExpressionAttributeNames: { "#status": "status" } } : {}),
      ExpressionAttributeValues: {
        ":pid": paymentId,
        ...(live ? { ":held": "held", ...unpaid.values } : {}),
      },
    }),
  );
  // Refused: the hold ended in between, so it is in no list: read again, the payment still goes.
  if (live && !write.applied) return letCheckOut(claimId, paymentId);
  return "check out";
}

/** The card that paid, for the receipt: its last four digits when the provider tells. */
async function paidWith(payment: Payment): Promise<NonNullable<Order["payment"]>> {
  const last4 = await paymentProvider()!
    .getPayment(payment.paymentId)
    .then((p) => p.last4)
    .catch(() => undefined); // the receipt goes without them rather than the order waiting
  return { provider: payment.provider, paymentId: payment.paymentId, ...(last4 ? { last4 } : {}) };
}

/** A payment older than this with no word from the provider is asked about by the sweeper. */
const ASK_AFTER_MS = 10_000;

/**
 * The reconciler (the sweeper's turn, before holds expire): the drop's live holds with a payment
 * under way. A payment the provider says succeeded while the app never heard (a lost webhook, a
 * crash between "paid" and "order written") is moved and settled as its webhook would have.
 * `unpaidToo` (now and then): the unpaid holds are read for a payment too, with a filter that reads
 * them all, for a hold given its payment by a server from before the paid holds' list.
 */
export async function reconcilePayments({
  dropId,
  now,
  unpaidToo = false,
}: {
  dropId: string;
  now: number;
  unpaidToo?: boolean;
}): Promise<number> {
  const provider = paymentProvider();
  if (!provider) return 0;
  const [{ Items = [] }, unpaid] = await Promise.all([
    table.query(listQuery(lists.paidHoldsOf(dropId))),
    unpaidToo
      ? table.query({ ...listQuery(lists.holdsOf(dropId)), FilterExpression: "attribute_exists(paymentId)" })
      : undefined,
  ]);
  Items.push(...(unpaid?.Items ?? []));
  let settled = 0;
  for (const hold of Items) {
    // One hold's trouble (the provider down, a refused confirm) never stops the sweep of the rest.
    settled += await reconcileHold(provider, hold.id as string, now).catch((err) => {
      console.error(`Reconciling the payment of ${hold.id}`, err);
      return 0;
    });
  }
  return settled;
}

async function reconcileHold(provider: PaymentProvider, claimId: string, now: number): Promise<number> {
  let payment = await getPayment({ claimId });
  if (!payment || payment.status === "refunded") return 0;
  // A draw winner's authorisation whose capture did not finish (a crash, the provider down), or
  // one released while its hold still names it.
  if (payment.status === "authorised" || payment.status === "released")
    return (await captureHold({ claimId, now })) === "not ours" ? 0 : 1;
  if (payment.status !== "succeeded") {
    if (now - Date.parse(payment.updatedAt) < ASK_AFTER_MS) return 0;
    const there = await provider.getPayment(payment.paymentId);
    if (there.status !== "succeeded") return 0;
    ({ payment } = await advancePayment({
      provider: provider.name,
      payment: there,
      to: "succeeded",
      eventId: `reconciled-${there.id}`,
      now,
    }));
  }
  return (await orderPaid({ claimId, payment, now })) === "not ours" ? 0 : 1;
}
