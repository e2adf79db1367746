import "server-only";
import type { Payment, PaymentStatus } from "@/lib/payments/payments";
import { paymentStatuses, type Amount, type Ledger, type PaymentsMoney } from "@/lib/schemas/claim";

// A drop's money, from its holds' payments (`PAY#`) and its orders, both read by the caller (the
// claim room lists the drop's claims; lib/payments/payments.ts `listPayments` reads their payments).
// Pure: the same figures for the audit, the public proof and the live view.
//   captured   = Σ amount of payments that ever succeeded (succeeded, or refunded since); a card
//                authorised (a draw's entry) or its authorisation released moved no money
//   refunded   = Σ amount of refunded payments
//   paid       = Σ total of confirmed orders paid by a payment that is not refunded
// It holds when captured − refunded = paid in every currency, and no order of a price lacks a
// payment that succeeded. A payment that succeeded while its order is still being written (or its
// late refund sent) makes it not hold for a moment; `unsettled` says how many.

/** A confirmed order as the ledger reads it. */
export type LedgerOrder = {
  claimId: string;
  totalMinor: number;
  currency: string;
  /** The payment the order names (`order.payment.paymentId`); none when it was written without one. */
  paymentId?: string;
};

/** Whether a payment in this status took the money (exhaustive: a new status must say). */
const everSucceeded: Record<PaymentStatus, boolean> = {
  created: false,
  failed: false,
  authorised: false,
  succeeded: true,
  released: false,
  refunded: true,
};
const noPayments = () => Object.fromEntries(paymentStatuses.map((s) => [s, 0])) as Ledger["payments"];

/** Counts and sums of payments, for the ledger and the live view. */
export function moneyOf(payments: Payment[]): PaymentsMoney {
  const captured = new Map<string, number>();
  const refunded = new Map<string, number>();
  const counts = noPayments();
  for (const p of payments) {
    counts[p.status]++;
    if (everSucceeded[p.status]) add(captured, p.currency, p.amountMinor);
    if (p.status === "refunded") add(refunded, p.currency, p.amountMinor);
  }
  return { captured: amounts(captured), refunded: amounts(refunded), payments: counts };
}

/** With PAYMENTS=off: no payment is taken, so no money moved and nothing can disagree. */
export const paymentsOffLedger = (): { ledger: Ledger; holds: boolean } => ({
  ledger: {
    paymentsOn: false,
    captured: [],
    refunded: [],
    paidOrders: [],
    payments: noPayments(),
    unsettled: 0,
    unpaidOrders: 0,
    note: "payments off: no money moved",
  },
  holds: true,
});

export function ledgerOf({ payments, orders }: { payments: Payment[]; orders: LedgerOrder[] }): {
  ledger: Ledger;
  holds: boolean;
} {
  const byClaim = new Map(payments.map((p) => [p.claimId, p]));
  const paid = new Map<string, number>();
  const ordered = new Set<string>(); // claims whose order its own payment paid
  let unpaidOrders = 0;
  for (const o of orders) {
    const p = o.paymentId === undefined ? undefined : byClaim.get(o.claimId);
    const ours = p !== undefined && p.paymentId === o.paymentId;
    if (ours) ordered.add(o.claimId);
    if (o.paymentId !== undefined && p?.status !== "refunded") add(paid, o.currency, o.totalMinor);
    if (o.totalMinor > 0 && !(ours && everSucceeded[p.status])) unpaidOrders++;
  }
  const unsettled = payments.filter((p) => p.status === "succeeded" && !ordered.has(p.claimId)).length;
  const money = moneyOf(payments);
  const net = new Map(money.captured.map((a) => [a.currency, a.minor]));
  for (const r of money.refunded) add(net, r.currency, -r.minor);
  const balanced = sameAmounts(amounts(net), amounts(paid));
  const holds = balanced && unpaidOrders === 0;
  const problems = [
    unsettled > 0 &&
      `${unsettled} payment${unsettled === 1 ? "" : "s"} succeeded with no order yet (the webhook or the reconciler writes the order, or refunds it).`,
    unpaidOrders > 0 &&
      `${unpaidOrders} order${unpaidOrders === 1 ? "" : "s"} of a price ${unpaidOrders === 1 ? "has" : "have"} no payment that succeeded.`,
    !balanced && "Captured − refunded differs from the paid orders' totals.",
  ].filter((p): p is string => typeof p === "string");
  const note = holds
    ? payments.length === 0
      ? "No payment yet."
      : "Captured − refunded = the paid orders' totals."
    : problems.join(" ");
  return {
    ledger: { paymentsOn: true, ...money, paidOrders: amounts(paid), unsettled, unpaidOrders, note },
    holds,
  };
}

/** Stripe answers currencies lower case, orders keep the drop's upper case: one spelling here. */
function add(into: Map<string, number>, currency: string, minor: number): void {
  const c = currency.toUpperCase();
  into.set(c, (into.get(c) ?? 0) + minor);
}

/** Sorted by currency; a currency whose amount nets to zero is left out. */
const amounts = (m: Map<string, number>): Amount[] =>
  [...m]
    .filter(([, minor]) => minor !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => ({ currency, minor }));

const sameAmounts = (a: Amount[], b: Amount[]) => JSON.stringify(a) === JSON.stringify(b);
