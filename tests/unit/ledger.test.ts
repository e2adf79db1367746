// A drop's ledger (lib/payments/ledger.ts): captured − refunded = the paid orders' totals, in every
// currency, and no priced order without a payment that succeeded; and what it says when it does not hold.
import { describe, expect, it } from "vitest";
import { ledgerOf, paymentsOffLedger, type LedgerOrder } from "@/lib/payments/ledger";
import type { Payment, PaymentStatus } from "@/lib/payments/payments";

const at = "2026-01-01T00:00:00.000Z";
const pay = (claimId: string, status: PaymentStatus, amountMinor = 2500, currency = "usd"): Payment => ({
  claimId,
  provider: "local",
  paymentId: `pi_${claimId}`,
  amountMinor,
  currency,
  status,
  createdAt: at,
  updatedAt: at,
});
const order = (claimId: string, totalMinor = 2500, currency = "USD"): LedgerOrder => ({
  claimId,
  totalMinor,
  currency,
  paymentId: `pi_${claimId}`,
});

describe("the ledger", () => {
  it("holds for paid orders, a refunded order, a late refund, and payments that never succeeded", () => {
    const { ledger, holds } = ledgerOf({
      payments: [
        pay("a", "succeeded"),
        pay("b", "refunded"),
        pay("c", "refunded"),
        pay("d", "failed"),
        pay("e", "created"),
      ],
      orders: [order("a"), order("b")], // c's hold ended first: refunded, no order
    });
    expect(holds).toBe(true);
    expect(ledger).toMatchObject({
      paymentsOn: true,
      captured: [{ currency: "USD", minor: 7500 }],
      refunded: [{ currency: "USD", minor: 5000 }],
      paidOrders: [{ currency: "USD", minor: 2500 }],
      payments: { created: 1, failed: 1, succeeded: 1, refunded: 2 },
      unsettled: 0,
      unpaidOrders: 0,
      note: "Captured − refunded = the paid orders' totals.",
    });
  });

  it("an authorised card and a released authorisation moved no money: counted, not captured", () => {
    const { ledger, holds } = ledgerOf({
      payments: [pay("a", "authorised"), pay("b", "released"), pay("c", "authorised", 1000, "eur")],
      orders: [],
    });
    expect(holds).toBe(true);
    expect(ledger).toMatchObject({
      captured: [],
      refunded: [],
      paidOrders: [],
      payments: { created: 0, failed: 0, authorised: 2, succeeded: 0, released: 1, refunded: 0 },
      unsettled: 0,
      note: "Captured − refunded = the paid orders' totals.",
    });
    // An order whose payment is only authorised is not paid: its capture comes first.
    const early = ledgerOf({ payments: [pay("a", "authorised")], orders: [order("a")] });
    expect(early).toMatchObject({ holds: false, ledger: { captured: [], unpaidOrders: 1 } });
    // Captured, it is: the same amount once.
    const captured = ledgerOf({
      payments: [pay("a", "succeeded"), pay("b", "released")],
      orders: [order("a")],
    });
    expect(captured).toMatchObject({ holds: true, ledger: { captured: [{ currency: "USD", minor: 2500 }] } });
  });

  it("keeps currencies apart: a drop's currency changed between two orders", () => {
    const { ledger, holds } = ledgerOf({
      payments: [pay("a", "succeeded"), pay("b", "succeeded", 1000, "eur")],
      orders: [order("a"), order("b", 1000, "EUR")],
    });
    expect(holds).toBe(true);
    expect(ledger.paidOrders).toEqual([
      { currency: "EUR", minor: 1000 },
      { currency: "USD", minor: 2500 },
    ]);
  });

  it("does not hold while a paid hold has no order yet, and says so", () => {
    const { ledger, holds } = ledgerOf({ payments: [pay("a", "succeeded")], orders: [] });
    expect(holds).toBe(false);
    expect(ledger).toMatchObject({ unsettled: 1, unpaidOrders: 0 });
    expect(ledger.note).toMatch(/^1 payment succeeded with no order yet/);
  });

  it("does not hold for a priced order no succeeded payment paid", () => {
    const unpaid = { ...order("a"), paymentId: undefined };
    expect(ledgerOf({ payments: [], orders: [unpaid] })).toMatchObject({
      holds: false,
      ledger: { unpaidOrders: 1 },
    });
    // A free order needs no payment.
    expect(ledgerOf({ payments: [], orders: [{ ...unpaid, totalMinor: 0 }] }).holds).toBe(true);
    // An order naming a payment that is only created (it cannot be): unpaid, and the sums differ.
    const created = ledgerOf({ payments: [pay("a", "created")], orders: [order("a")] });
    expect(created).toMatchObject({ holds: false, ledger: { unpaidOrders: 1 } });
    expect(created.ledger.note).toContain("differs");
  });

  it("with payments off: no money moved, it holds", () => {
    expect(paymentsOffLedger()).toMatchObject({
      holds: true,
      ledger: { paymentsOn: false, note: "payments off: no money moved", captured: [] },
    });
  });
});
