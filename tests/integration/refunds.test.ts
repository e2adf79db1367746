// An admin refunds a paid order from the dashboard (the local provider, through the real routes):
// one refund however often it is sent (×10 at once, resent after), the unit back on sale once with
// `restock`, a lost answer on the gate or on the unit's return, a crash after the gate; and who may.
// After each, the audit agrees and the ledger holds.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as endRoute } from "@/app/api/admin/drops/[id]/end/route";
import { POST as refundRoute } from "@/app/api/admin/drops/[id]/orders/[claimId]/refund/route";
import { GET as claimsRoute } from "@/app/api/admin/drops/[id]/claims/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { GET as claimRoute } from "@/app/api/claims/[claimId]/route";
import { POST as cardRoute } from "@/app/api/payments/local/confirm/route";
import { CSV_HEADER } from "@/lib/admin/claims-page";
import { getDropMetrics } from "@/lib/admin/metrics";
import { auditDrop, dropProof } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { sweep } from "@/lib/claim/sweep";
import { createDrop as createDropRecord, newDropId } from "@/lib/drop/drops";
import { localProvider } from "@/lib/payments/local";
import { providePayments } from "@/lib/payments/hold-payment";
import type { Claim, ClaimPayment, Shopper } from "@/lib/schemas/claim";
import type { Drop } from "@/lib/schemas/drop";
import type { AdminClaimsPage } from "@/lib/schemas/drop-admin";
import { newBrand, newMember, type TestMember } from "./brand-helpers";
import { withFaultProxy } from "./faults";
import {
  adminToken,
  call,
  claimWithKey,
  createDrop,
  dropInput,
  dropState,
  mintShopper,
  ownTable,
  tally,
  type Called,
} from "./helpers";
import { inProcessDelivery, paymentItems } from "./payments-helpers";

ownTable("droprush-test-refunds");
process.env.PAYMENTS = "local"; // read once per process by lib/env.ts
const proxy = await withFaultProxy();
// The provider's events go into the webhook route in-process; each is kept to count the refunds sent.
const { deliver } = inProcessDelivery();
const delivered: string[] = [];
providePayments(
  localProvider({
    deliver: async (payload, signature) => {
      delivered.push(payload);
      await deliver(payload, signature);
    },
  }),
);
afterEach(() => {
  delete faults.afterRefundGate;
});

/** A confirmed order on `drop`, paid with Stripe's 4242 test card. */
async function paidOrder(drop: Drop): Promise<{ shopper: Shopper; claim: Claim }> {
  const shopper = await mintShopper();
  const { claimId } = await claimWithKey(drop.id, shopper, `refund-${shopper.shopperId}`);
  const tag = claimId!.slice(0, 10).toLowerCase();
  const buyer = { name: "Ada Buyer", email: `ada-${tag}@example.com`, shippingAddress: "1 Drop Street" };
  const out = await call(confirmRoute, { params: { claimId: claimId! }, token: shopper.token, json: buyer });
  const payment = out.body.payment as ClaimPayment;
  const paid = await call(cardRoute, {
    json: {
      paymentId: payment.paymentId,
      clientSecret: payment.clientSecret,
      cardNumber: "4242424242424242",
    },
  });
  expect(paid.body.payment).toMatchObject({ status: "succeeded" });
  const claim = (await call(claimRoute, { params: { claimId: claimId! }, token: shopper.token })).body.claim!;
  expect(claim).toMatchObject({ status: "confirmed", payment: { status: "succeeded" } });
  return { shopper, claim };
}

const refund = (
  dropId: string,
  claimId: string,
  json: unknown,
  auth: { token?: string; cookie?: string } = { token: adminToken() },
): Promise<Called> =>
  call(refundRoute, {
    path: `/api/admin/drops/${dropId}/orders/${claimId}/refund`,
    params: { id: dropId, claimId },
    token: auth.token,
    headers: auth.cookie ? { cookie: auth.cookie, origin: "http://test", host: "test" } : {},
    json,
  });

/** The refund events the provider sent for one payment. */
const refundEvents = (paymentId: string) =>
  delivered.filter((p) => p.includes(paymentId) && p.includes('"refund.created"')).length;

/** The audit now, and again once no writer can be in flight: stock and money both agree. */
async function expectAgreement(dropId: string) {
  const report = await auditDrop({ dropId, now: Date.now() + 61_000 });
  expect(report).toMatchObject({ action: "none", unaccounted: 0, oversold: 0, ledgerHolds: true });
  return report;
}

describe("a refund from the dashboard", () => {
  it.each([false, true])("×10 at once (restock %s): one refund, every answer the same", async (restock) => {
    const drop = await createDrop({ totalStock: 3, priceCents: 2500 });
    const { shopper, claim } = await paidOrder(drop);
    const before = (await dropState(drop.id))!.remainingStock;

    const all = await Promise.all(Array.from({ length: 10 }, () => refund(drop.id, claim.id, { restock })));
    expect(tally(all.map((r) => r.status))).toEqual({ 200: 10 });
    const first = all[0]!.body.claim!;
    for (const r of all) expect(r.body.claim).toEqual(first);
    expect(first).toMatchObject({
      status: "confirmed",
      orderNumber: claim.orderNumber,
      refund: { restock, restocked: restock, sent: true },
      payment: { status: "refunded", amountMinor: 2500 },
    });
    expect(refundEvents(claim.payment!.paymentId)).toBe(1);
    const local = (await paymentItems()).payments.filter((p) => p.claimId === claim.id);
    expect(local).toMatchObject([{ status: "refunded" }]);
    // The unit: back on sale once with restock, left sold without.
    expect((await dropState(drop.id))!.remainingStock).toBe(before + (restock ? 1 : 0));

    // The shopper's claim and receipt say so.
    const mine = await call(claimRoute, { params: { claimId: claim.id }, token: shopper.token });
    expect(mine.body.claim).toMatchObject({ status: "confirmed", payment: { status: "refunded" } });

    // Sent again later: the same answer; with the other choice, 409 ALREADY_REFUNDED.
    const again = await refund(drop.id, claim.id, { restock });
    expect(again.status).toBe(200);
    expect(again.body.claim).toEqual(first);
    const other = await refund(drop.id, claim.id, { restock: !restock });
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe("ALREADY_REFUNDED");
    expect((await dropState(drop.id))!.remainingStock).toBe(before + (restock ? 1 : 0));

    const report = await expectAgreement(drop.id);
    expect(report).toMatchObject({
      confirmed: restock ? 0 : 1,
      restocked: restock ? 1 : 0,
      ledger: {
        captured: [{ currency: "USD", minor: 2500 }],
        refunded: [{ currency: "USD", minor: 2500 }],
        paidOrders: [],
        payments: { created: 0, failed: 0, succeeded: 0, refunded: 1 },
      },
    });
  });

  it("restocked: the unit sells again, once, and the audit and the proof still agree", async () => {
    const drop = await createDrop({ totalStock: 1, priceCents: 2500 });
    const { claim } = await paidOrder(drop);
    const other = await mintShopper();
    expect((await claimWithKey(drop.id, other, "too-soon")).code).toBe("SOLD_OUT");
    expect((await refund(drop.id, claim.id, { restock: true })).status).toBe(200);
    // One unit back: one shopper wins it, the next is told sold out.
    const [won, late] = [await paidOrder(drop), await claimWithKey(drop.id, await mintShopper(), "late")];
    expect(won.claim.status).toBe("confirmed");
    expect(late.code).toBe("SOLD_OUT");
    const report = await expectAgreement(drop.id);
    expect(report).toMatchObject({
      totalStock: 1,
      remainingStock: 0,
      confirmed: 1,
      restocked: 1,
      winners: 1,
    });
    expect(await dropProof(drop.id)).toMatchObject({ unaccounted: 0, oversold: 0, ledgerHolds: true });
    expect(report.ledger).toMatchObject({
      captured: [{ currency: "USD", minor: 5000 }],
      refunded: [{ currency: "USD", minor: 2500 }],
      paidOrders: [{ currency: "USD", minor: 2500 }],
    });
  });

  it("restock on an ended drop refunds without putting the unit back on sale", async () => {
    const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
    const { claim } = await paidOrder(drop);
    expect((await call(endRoute, { params: { id: drop.id }, token: adminToken(), json: {} })).status).toBe(
      200,
    );
    const res = await refund(drop.id, claim.id, { restock: true });
    expect(res.body.claim?.refund).toMatchObject({ restock: true, restocked: false, sent: true });
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
    await expectAgreement(drop.id);
  });
});

describe("faults", () => {
  it("the gate's answer is lost (the SDK resends it): the same request finishes, one unit back", async () => {
    const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
    const { claim } = await paidOrder(drop);
    proxy.resetStats();
    proxy.setRules([{ kind: "lose-response", ops: ["UpdateItem"], key: `CLAIM#${claim.id}`, times: 1 }]);
    const res = await refund(drop.id, claim.id, { restock: true });
    expect(proxy.stats().injected["lose-response"]).toBe(1);
    expect(res.status).toBe(200);
    expect(res.body.claim).toMatchObject({
      refund: { restocked: true, sent: true },
      payment: { status: "refunded" },
    });
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
    expect(refundEvents(claim.payment!.paymentId)).toBe(1);
    await expectAgreement(drop.id);
  });

  it.each(["lose-response", "reset-before"] as const)(
    "the unit's return fails with an unknown outcome (%s): never sent twice; stranded, the audit returns it once",
    async (kind) => {
      const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
      const { claim } = await paidOrder(drop);
      proxy.resetStats();
      proxy.setRules([{ kind, ops: ["UpdateItem"], key: `DROP#${drop.id}`, times: 1 }]);
      expect((await refund(drop.id, claim.id, { restock: true })).status).toBe(200);
      expect(proxy.stats().injected[kind]).toBe(1);
      proxy.setRules([]);
      // Applied with its answer lost: one unit back, not two. Never applied: none back yet…
      const landed = kind === "lose-response";
      expect((await dropState(drop.id))!.remainingStock).toBe(landed ? 2 : 1);
      // …and once no writer can be in flight, the audit puts it back, once.
      const later = Date.now() + 61_000;
      expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({ returned: landed ? 0 : 1 });
      expect((await dropState(drop.id))!.remainingStock).toBe(2);
      await expectAgreement(drop.id);
    },
  );

  it("a crash after the gate: the resend finishes the refund; the stranded unit is returned by the audit, once", async () => {
    const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
    const { claim } = await paidOrder(drop);
    faults.afterRefundGate = () => {
      throw new Error("killed after the refund's gate");
    };
    expect((await refund(drop.id, claim.id, { restock: true })).status).toBe(500);
    delete faults.afterRefundGate; // the restart
    expect((await dropState(drop.id))!.remainingStock).toBe(1);

    const res = await refund(drop.id, claim.id, { restock: true });
    expect(res.status).toBe(200);
    expect(res.body.claim).toMatchObject({
      refund: { restocked: true, sent: true },
      payment: { status: "refunded" },
    });
    expect(refundEvents(claim.payment!.paymentId)).toBe(1);
    // The resend did not return the unit (only the gate's winner may): it is the audit's to heal.
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
    expect(await auditDrop({ dropId: drop.id })).toMatchObject({ action: "waiting", unaccounted: 1 });
    const later = Date.now() + 61_000;
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({
      action: "returned",
      returned: 1,
    });
    expect(await auditDrop({ dropId: drop.id, now: later })).toMatchObject({ action: "none", returned: 0 });
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
    await expectAgreement(drop.id);
  });
});

describe("the sweeper", () => {
  it("a crash after the gate on a drop it had found in agreement: its next minute's recheck returns the unit", async () => {
    const drop = await createDrop({ totalStock: 2, priceCents: 2500 });
    const { claim } = await paidOrder(drop);
    const agreedAt = Date.now() + 61_000;
    await sweep({ now: agreedAt }); // the drop's audit agrees: from now on, rechecked by its ended claims
    faults.afterRefundGate = () => {
      throw new Error("killed after the refund's gate");
    };
    expect((await refund(drop.id, claim.id, { restock: true })).status).toBe(500);
    delete faults.afterRefundGate;
    // The stock items never heard of it: only the order joining the drop's ended claims tells.
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
    await sweep({ now: Math.max(Date.now() + 61_000, agreedAt + 61_000) });
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
    await expectAgreement(drop.id);
  });
});

describe("who may refund, and what", () => {
  let brandDrop: Drop;
  let viewer: TestMember;
  let manager: TestMember;
  beforeAll(async () => {
    const brand = await newBrand("Refunds");
    [viewer, manager] = await Promise.all([newMember(brand.id, "viewer"), newMember(brand.id, "manager")]);
    brandDrop = await createDropRecord({
      id: newDropId(),
      brandId: brand.id,
      input: {
        ...dropInput({ name: "Brand drop", totalStock: 3, priceCents: 2500 }),
        description: "",
        imageUrl: "",
        currency: "USD",
        maxPerShopper: 1,
        holdSeconds: 600,
        draft: false,
        listed: true,
        botDefence: "off",
      },
    });
  });

  it("a viewer gets 403 and nothing changes; a manager refunds", async () => {
    const { claim } = await paidOrder(brandDrop);
    const refused = await refund(brandDrop.id, claim.id, { restock: false }, { cookie: viewer.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe("FORBIDDEN");
    expect(refundEvents(claim.payment!.paymentId)).toBe(0);
    const done = await refund(brandDrop.id, claim.id, { restock: false }, { cookie: manager.cookie });
    expect(done.status).toBe(200);
    expect(done.body.claim).toMatchObject({ payment: { status: "refunded" } });
  });

  it("a hold is not an order; a free order was not paid; another drop's order is not found; bodies are strict", async () => {
    const drop = await createDrop({ totalStock: 3, priceCents: 2500 });
    const held = await claimWithKey(drop.id, await mintShopper(), "just-held");
    expect((await refund(drop.id, held.claimId!, { restock: false })).body.error?.code).toBe("NOT_AN_ORDER");

    const free = await createDrop({ totalStock: 1, priceCents: 0 });
    const shopper = await mintShopper();
    const { claimId } = await claimWithKey(free.id, shopper, "free");
    const buyer = {
      name: "Ada",
      email: `free-${claimId!.slice(0, 8).toLowerCase()}@example.com`,
      shippingAddress: "1 Drop Street",
    };
    expect(
      (await call(confirmRoute, { params: { claimId: claimId! }, token: shopper.token, json: buyer })).status,
    ).toBe(200);
    const notPaid = await refund(free.id, claimId!, { restock: false });
    expect([notPaid.status, notPaid.body.error?.code]).toEqual([409, "NOT_PAID"]);

    const { claim } = await paidOrder(drop);
    expect((await refund(free.id, claim.id, { restock: false })).status).toBe(404);
    for (const body of [{}, { restock: "yes" }, { restock: true, amount: 100 }]) {
      const bad = await refund(drop.id, claim.id, body);
      expect([bad.status, bad.body.error?.code]).toEqual([400, "INVALID_REQUEST"]);
    }
    expect(refundEvents(claim.payment!.paymentId)).toBe(0);
  });
});

describe("the dashboard's view of payments", () => {
  let drop: Drop;
  let viewer: TestMember;
  let manager: TestMember;
  let refunded: Claim;
  let paid: Claim;
  beforeAll(async () => {
    const brand = await newBrand("Payments view");
    [viewer, manager] = await Promise.all([newMember(brand.id, "viewer"), newMember(brand.id, "manager")]);
    drop = await createDropRecord({
      id: newDropId(),
      brandId: brand.id,
      input: {
        ...dropInput({ name: "Paid drop", totalStock: 3, priceCents: 1999 }),
        description: "",
        imageUrl: "",
        currency: "USD",
        maxPerShopper: 1,
        holdSeconds: 600,
        draft: false,
        listed: true,
        botDefence: "off",
      },
    });
    [refunded, paid] = [(await paidOrder(drop)).claim, (await paidOrder(drop)).claim];
    const res = await refund(drop.id, refunded.id, { restock: true }, { cookie: manager.cookie });
    refunded = res.body.claim!;
  });

  const get = (who: TestMember, query = "") =>
    claimsRoute(
      new Request(`http://test/api/admin/drops/${drop.id}/claims${query}`, {
        headers: { cookie: who.cookie },
      }),
      { params: Promise.resolve({ id: drop.id }) },
    );

  it("the claims page: each order with its payment and refund; a viewer sees no payment id or card", async () => {
    const mine = ((await (await get(manager)).json()) as AdminClaimsPage).claims;
    expect(mine.find((c) => c.id === refunded.id)).toMatchObject({
      refund: { restock: true, restocked: true, sent: true },
      payment: { status: "refunded", amountMinor: 1999, paymentId: refunded.payment!.paymentId },
      order: { payment: { last4: "4242" } },
    });
    expect(mine.find((c) => c.id === paid.id)).toMatchObject({ payment: { status: "succeeded" } });
    const text = await (await get(viewer)).text();
    expect(text).not.toContain(refunded.payment!.paymentId);
    expect(text).not.toContain("4242");
    const theirs = (JSON.parse(text) as AdminClaimsPage).claims.find((c) => c.id === refunded.id);
    expect(theirs).toMatchObject({
      payment: { status: "refunded", paymentId: "pi_•••" },
      order: { payment: { paymentId: "pi_•••", last4: "•••" } },
    });
  });

  it("the CSV: payment_status, amount, currency, card_last4, payment_id; masked for a viewer", async () => {
    const rows = async (who: TestMember) =>
      (await (await get(who, "?format=csv")).text())
        .trim()
        .split("\r\n")
        .map((r) => r.split(","));
    const col = (rs: string[][], claimId: string, name: string) =>
      rs.find((r) => r[0] === claimId)![CSV_HEADER.indexOf(name)];
    const full = await rows(manager);
    expect(full[0]).toEqual(CSV_HEADER);
    expect(CSV_HEADER.slice(-5)).toEqual([
      "payment_status",
      "amount",
      "currency",
      "card_last4",
      "payment_id",
    ]);
    expect(
      ["payment_status", "amount", "currency", "card_last4", "payment_id"].map((n) =>
        col(full, refunded.id, n),
      ),
    ).toEqual(["refunded", "19.99", "USD", "4242", refunded.payment!.paymentId]);
    expect(col(full, paid.id, "payment_status")).toBe("succeeded");
    const masked = await rows(viewer);
    expect(
      ["payment_status", "amount", "card_last4", "payment_id"].map((n) => col(masked, refunded.id, n)),
    ).toEqual(["refunded", "19.99", "•••", "pi_•••"]);
  });

  it("the live view: revenue is captured − refunded, payments by state, refunds", async () => {
    const m = await getDropMetrics({ id: drop.id, now: Date.now() + 5_100 });
    expect(m).toMatchObject({
      orders: 2,
      revenue: [{ currency: "USD", cents: 1999 }],
      money: {
        captured: [{ currency: "USD", minor: 3998 }],
        refunded: [{ currency: "USD", minor: 1999 }],
        payments: { created: 0, failed: 0, succeeded: 1, refunded: 1 },
      },
    });
    await expectAgreement(drop.id);
  });
});
