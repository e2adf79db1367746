// First-come checkout with payments on (the local provider, through the real routes): the order is
// written when its payment succeeds, once, however the news arrives (the webhook any number of times,
// the reconciler after a crash or a lost webhook); a declined card leaves the hold to try another; an
// authentication step extends the hold once; a payment that succeeds after its hold ended is refunded,
// once, and the shopper's claim says so. After each, the drop's ledger holds: captured − refunded = the
// paid orders' totals (and says why not while a paid hold waits for its order).
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PATCH as editRoute } from "@/app/api/admin/drops/[id]/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as authenticateRoute } from "@/app/api/payments/local/authenticate/route";
import { POST as cardRoute } from "@/app/api/payments/local/confirm/route";
import { auditDrop } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { releaseDueUnlessQuiet, releaseExpiredHolds } from "@/lib/claim/holds";
import { orderPaid, reconcilePayments } from "@/lib/claim/paid";
import { getClaimItem } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { localProvider, type Deliver } from "@/lib/payments/local";
import { providePayments } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import { getDropState } from "@/lib/stock/reads";
import type { ClaimPayment } from "@/lib/schemas/claim";
import { adminToken, call, claimWithKey, createDrop, mintShopper, ownTable, type Called } from "./helpers";
import {
  buyer,
  checkout,
  claimOf,
  holdOn,
  mailsTo,
  mailTexts,
  paymentItems,
  postEvent,
} from "./payments-helpers";

ownTable("droprush-payments-checkout");
process.env.PAYMENTS = "local"; // read once per process by lib/env.ts

/** The provider's deliveries: into the webhook route, unless a test drops them (a lost webhook). */
let lose = false;
const delivered: { payload: string; signature: string; answer?: Called }[] = [];
const deliver: Deliver = async (payload, signature) => {
  const sent: (typeof delivered)[number] = { payload, signature };
  delivered.push(sent);
  if (lose) return;
  sent.answer = await postEvent(payload, signature);
  if (sent.answer.status !== 200) throw new Error(`the webhook answered ${sent.answer.status}`);
};
providePayments(localProvider({ deliver }));
afterEach(() => {
  lose = false;
  delete faults.beforePaidOrder;
});

const card = (p: ClaimPayment, cardNumber: string) =>
  call(cardRoute, { json: { paymentId: p.paymentId, clientSecret: p.clientSecret, cardNumber } });

/**
 * The drop's ledger, from the audit (once no writer can be in flight): captured − refunded = the paid
 * orders' totals, in cents of USD. Answers whether it holds.
 */
async function ledgerOf(dropId: string, cents: { captured: number; refunded: number; paid: number }) {
  const usd = (minor: number) => (minor ? [{ currency: "USD", minor }] : []);
  const report = await auditDrop({ dropId, now: Date.now() + 61_000 });
  expect(report.ledger).toMatchObject({
    paymentsOn: true,
    captured: usd(cents.captured),
    refunded: usd(cents.refunded),
    paidOrders: usd(cents.paid),
  });
  return report.ledgerHolds;
}

describe("checkout with the local provider", () => {
  it("creates one payment for the order's total, and the order is written once the card succeeds", async () => {
    const { drop, shopper, claimId, tag } = await holdOn({ priceCents: 4200 });
    const first = await checkout(claimId, shopper, tag);
    expect(first.res.status).toBe(200);
    expect(first.res.body.claim).toMatchObject({ status: "held" });
    expect(first.payment).toMatchObject({
      provider: "local",
      status: "created",
      amountMinor: 4200,
      currency: "usd",
    });
    // Sent again (a double click): the same payment, never a second.
    const again = await checkout(claimId, shopper, tag);
    expect(again.payment.paymentId).toBe(first.payment.paymentId);

    const paid = await card(first.payment, "4242 4242 4242 4242");
    expect(paid.body.payment).toMatchObject({ status: "succeeded", last4: "4242" });
    const claim = await claimOf(claimId, shopper);
    expect(claim).toMatchObject({
      status: "confirmed",
      order: { totalCents: 4200, buyer: buyer(tag), payment: { provider: "local", last4: "4242" } },
      payment: { status: "succeeded" },
    });
    expect(claim.payment?.clientSecret).toBeUndefined(); // only in the checkout's own answer
    const [mail] = await mailTexts(buyer(tag).email);
    expect(mail).toContain("Paid with the card ending 4242.");
    // Checkout sent once more after the order: the same order, no new payment or mail.
    const late = await checkout(claimId, shopper, tag);
    expect(late.res.body.claim).toMatchObject({ status: "confirmed", orderNumber: claim.orderNumber });
    expect((await paymentItems()).payments.filter((p) => p.claimId === claimId)).toHaveLength(1);
    expect(await mailsTo(buyer(tag).email)).toHaveLength(1);
    expect(await ledgerOf(drop.id, { captured: 4200, refunded: 0, paid: 4200 })).toBe(true);
  });

  it("a declined card leaves the hold held and says why; another card then buys it", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    const declined = await card(payment, "4000 0000 0000 0002");
    expect(declined.body.payment).toMatchObject({
      status: "requires_payment_method",
      failure: { code: "card_declined", declineCode: "generic_decline" },
    });
    expect(await claimOf(claimId, shopper)).toMatchObject({
      status: "held",
      payment: { status: "failed", failure: { declineCode: "generic_decline" } },
    });
    const broke = await card(payment, "4000000000009995");
    expect(broke.body.payment).toMatchObject({ failure: { declineCode: "insufficient_funds" } });
    expect(await ledgerOf(drop.id, { captured: 0, refunded: 0, paid: 0 })).toBe(true); // declines move no money
    await card(payment, "4242424242424242");
    expect(await claimOf(claimId, shopper)).toMatchObject({
      status: "confirmed",
      payment: { status: "succeeded" },
    });
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 0, paid: 2500 })).toBe(true);
  });

  it("an authentication step extends the hold once (by the hold's length, at most 3 minutes); approved, it buys", async () => {
    const { shopper, claimId, tag } = await holdOn({ holdSeconds: 60 });
    const before = await getClaimItem({ id: claimId });
    const { payment } = await checkout(claimId, shopper, tag);
    const step = await card(payment, "4000 0025 0000 3155");
    expect(step.body.payment).toMatchObject({ status: "requires_action" });
    const extended = await getClaimItem({ id: claimId });
    expect(extended!.holdUntil).toBe((before!.holdUntil as number) + 60_000);
    const deadline = new Date(extended!.holdUntil as number).toISOString();
    expect(extended!.holdExpiresAt).toBe(deadline);
    // …and in the live-holds list the sweeper reads, so it does not expire the hold early.
    expect(Object.values(extended!)).toContain(`${deadline}#${claimId}`);
    // The same event delivered again does not extend it again.
    const requiresAction = delivered.find(
      (d) => d.payload.includes(payment.paymentId) && d.payload.includes("requires_action"),
    )!;
    expect((await postEvent(requiresAction.payload, requiresAction.signature)).status).toBe(200);
    expect((await getClaimItem({ id: claimId }))!.holdUntil).toBe(extended!.holdUntil);

    const approved = await call(authenticateRoute, {
      json: { paymentId: payment.paymentId, clientSecret: payment.clientSecret, approve: true },
    });
    expect(approved.body.payment).toMatchObject({ status: "succeeded" });
    expect(await claimOf(claimId, shopper)).toMatchObject({ status: "confirmed" });
  });

  it("a card step needs the payment's client secret", async () => {
    const { shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    const forged = await card({ ...payment, clientSecret: "pi_forged_secret" }, "4242424242424242");
    expect(forged.status).toBe(404);
    expect(await claimOf(claimId, shopper)).toMatchObject({ status: "held", payment: { status: "created" } });
  });
});

describe("a payment that succeeds after its hold ended", () => {
  it("released before the authentication was approved: refunded once, and the claim says so", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    await card(payment, "4000002500003155");
    expect((await call(releaseRoute, { params: { claimId }, token: shopper.token, json: {} })).status).toBe(
      200,
    );
    await call(authenticateRoute, {
      json: { paymentId: payment.paymentId, clientSecret: payment.clientSecret, approve: true },
    });
    expect(await claimOf(claimId, shopper)).toMatchObject({
      status: "released",
      payment: { status: "refunded" },
    });
    // Every delivery of its success again: still one refund, never an order.
    const success = delivered.find(
      (d) => d.payload.includes(payment.paymentId) && d.payload.includes("payment_intent.succeeded"),
    )!;
    await Promise.all(Array.from({ length: 5 }, () => postEvent(success.payload, success.signature)));
    const refunds = delivered.filter(
      (d) => d.payload.includes(payment.paymentId) && d.payload.includes("refund.created"),
    );
    expect(refunds).toHaveLength(1);
    expect((await getClaimItem({ id: claimId }))!.status).toBe("released");
    // No order mail; one mail that says the payment was refunded (sent by the refund's one move).
    const mails = await mailTexts(buyer(tag).email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: Refunded:");
    expect(mails[0]).toContain("We refunded the payment of $25.00 in full");
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 2500, paid: 0 })).toBe(true);
  });

  it("past its deadline, not yet swept: the hold expires (its unit back on sale) and the payment is refunded", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    lose = true; // its success is not heard until the deadline has passed
    await card(payment, "4242424242424242");
    lose = false;
    const item = await getClaimItem({ id: claimId });
    const stored = (await getPayment({ claimId }))!;
    // The provider says succeeded; the app learns it one ms after the deadline.
    const after = (item!.holdUntil as number) + 1;
    expect(await orderPaid({ claimId, payment: { ...stored, status: "succeeded" }, now: after })).toBe(
      "refunded",
    );
    expect((await getClaimItem({ id: claimId }))!.status).toBe("expired");
    expect((await getPayment({ claimId }))!.status).toBe("refunded");
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 2500, paid: 0 })).toBe(true);
  });
});

describe("a crash or a lost webhook between the payment and the order", () => {
  it("the process dies after the payment is recorded paid, before the order: the reconciler writes it, once", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    faults.beforePaidOrder = () => {
      throw new Error("killed between the payment and the order");
    };
    await card(payment, "4242424242424242");
    const success = delivered.find(
      (d) => d.payload.includes(payment.paymentId) && d.payload.includes("payment_intent.succeeded"),
    )!;
    expect(success.answer?.status).toBe(500);
    expect((await getPayment({ claimId }))!.status).toBe("succeeded");
    expect((await getClaimItem({ id: claimId }))!.status).toBe("held");
    delete faults.beforePaidOrder; // the restart
    // Money taken, no order yet: the ledger does not hold, and says why.
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 0, paid: 0 })).toBe(false);
    expect((await auditDrop({ dropId: drop.id })).ledger).toMatchObject({ unsettled: 1, unpaidOrders: 0 });

    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() })).toBe(1);
    const claim = await claimOf(claimId, shopper);
    expect(claim).toMatchObject({ status: "confirmed", order: { payment: { last4: "4242" } } });
    // Then the provider's resends of the event (×10 at once), and the reconciler again: nothing new.
    await Promise.all(Array.from({ length: 10 }, () => postEvent(success.payload, success.signature)));
    await reconcilePayments({ dropId: drop.id, now: Date.now() });
    const after = await claimOf(claimId, shopper);
    expect(after.orderNumber).toBe(claim.orderNumber);
    expect(await mailsTo(buyer(tag).email)).toHaveLength(1);
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 0, paid: 2500 })).toBe(true);
  });

  it("every webhook lost: the reconciler asks the provider and writes the order", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    lose = true;
    await card(payment, "4242424242424242");
    expect((await getPayment({ claimId }))!.status).toBe("created");
    // Asked only once the payment has been quiet a while (the webhook usually comes first).
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() })).toBe(0);
    expect(await ledgerOf(drop.id, { captured: 0, refunded: 0, paid: 0 })).toBe(true); // the app knows of none yet
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000 })).toBe(1);
    expect(await claimOf(claimId, shopper)).toMatchObject({
      status: "confirmed",
      payment: { status: "succeeded" },
    });
    expect(await mailsTo(buyer(tag).email)).toHaveLength(1);
    expect(await ledgerOf(drop.id, { captured: 2500, refunded: 0, paid: 2500 })).toBe(true);
  });
});

describe("a hold whose payment exists keeps its price", () => {
  it.each([1, 0])(
    "the drop's price edited to %i cents during the card step: checkout again answers the same payment, and the order its amount",
    async (newPrice) => {
      const { drop, shopper, claimId, tag } = await holdOn({ priceCents: 4200 });
      const { payment } = await checkout(claimId, shopper, tag);
      const edited = await call(editRoute, {
        method: "PATCH",
        params: { id: drop.id },
        token: adminToken(),
        json: { priceCents: newPrice },
      });
      expect(edited.status).toBe(200);
      // Sent again (another address, say): still the paid path, the same payment, never free.
      const again = await checkout(claimId, shopper, tag);
      expect(again.res.body.claim).toMatchObject({ status: "held" });
      expect(again.payment).toMatchObject({ paymentId: payment.paymentId, amountMinor: 4200 });
      await card(payment, "4242424242424242");
      const claim = (await getClaimItem({ id: claimId }))!;
      expect(claim.status).toBe("confirmed");
      expect(claim.order).toMatchObject({ unitPriceCents: 4200, totalCents: 4200 });
    },
  );
});

describe("the reconciler", () => {
  /** Items the database read for the queries `run` sent (a filter drops items only after reading them). */
  let scanned: number | undefined;
  beforeAll(() => {
    db().middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (scanned !== undefined && context.commandName === "QueryCommand")
          scanned += (out.output as { ScannedCount?: number }).ScannedCount ?? 0;
        return out;
      },
      { step: "initialize", name: "countScanned" },
    );
  });
  async function scannedBy(run: () => Promise<unknown>): Promise<number> {
    scanned = 0;
    try {
      await run();
      return scanned;
    } finally {
      scanned = undefined;
    }
  }

  it("reads only the drop's holds with a payment, not the unpaid ones; their deadlines still end both", async () => {
    const drop = await createDrop({ totalStock: 12, priceCents: 2500, holdSeconds: 60 });
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => mintShopper()));
    const claimIds = await Promise.all(
      shoppers.map(async (s, i) => (await claimWithKey(drop.id, s, `rp-${i}-${drop.id}`)).claimId!),
    );
    // One of ten checks out: a payment under way, its card not yet tried.
    await checkout(claimIds[0]!, shoppers[0]!, claimIds[0]!.slice(0, 10).toLowerCase());
    expect(await scannedBy(() => reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000 }))).toBe(1);
    // The sweep past their deadlines ends the paid hold with the nine others.
    expect(await releaseExpiredHolds({ dropId: drop.id, now: Date.now() + 61_000 })).toBe(10);
    for (const claimId of claimIds) expect((await getClaimItem({ id: claimId }))!.status).toBe("expired");
    expect(await scannedBy(() => reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000 }))).toBe(0);
  });

  it("with payments on, the drop's holds are read again within a minute, whatever deadlines they showed", async () => {
    const drop = await createDrop({ totalStock: 3, priceCents: 2500, holdSeconds: 600 });
    const [a, b] = [await mintShopper(), await mintShopper()];
    await claimWithKey(drop.id, a, `mv-a-${drop.id}`);
    const state = (await getDropState({ id: drop.id }))!;
    const now = Date.now();
    expect(await releaseDueUnlessQuiet(state, now)).toBe(0); // one hold seen, due in 10 minutes
    // A hold the pages did not show (moving between the lists as they were read), due in a minute.
    const { claimId } = await claimWithKey(drop.id, b, `mv-b-${drop.id}`);
    const soon = now + 60_000;
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.claim(claimId!),
        UpdateExpression: "SET holdUntil = :soon, holdExpiresAt = :iso, gsi3sk = :sk",
        ExpressionAttributeValues: {
          ":soon": soon,
          ":iso": new Date(soon).toISOString(),
          ":sk": `${new Date(soon).toISOString()}#${claimId}`,
        },
      }),
    );
    expect(await releaseDueUnlessQuiet(state, now + 61_000)).toBe(1);
    expect((await getClaimItem({ id: claimId! }))!.status).toBe("expired");
  });

  it("now and then reads the unpaid holds too: a hold paid through a server from before the paid holds' list", async () => {
    const { drop, shopper, claimId, tag } = await holdOn();
    const { payment } = await checkout(claimId, shopper, tag);
    // Where that server left it: in the drop's unpaid holds, with its payment.
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.claim(claimId),
        UpdateExpression: "SET gsi3pk = :unpaid",
        ExpressionAttributeValues: { ":unpaid": `HOLDS#${drop.id}` },
      }),
    );
    lose = true; // its success is never heard
    await card(payment, "4242424242424242");
    lose = false;
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000 })).toBe(0);
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000, unpaidToo: true })).toBe(1);
    expect((await getClaimItem({ id: claimId }))!.status).toBe("confirmed");
  });

  it("one hold's failure (its order refused) does not stop the next hold of the drop being settled", async () => {
    const a = await holdOn(); // a drop of 2 units
    const shopperB = await mintShopper();
    const b = { claimId: (await claimWithKey(a.drop.id, shopperB, `pc-b-${a.drop.id}`)).claimId! };
    const pa = (await checkout(a.claimId, a.shopper, a.tag)).payment;
    const pb = (await checkout(b.claimId, shopperB, `${a.tag}-b`)).payment;
    lose = true; // neither success is heard
    await card(pa, "4242424242424242");
    await card(pb, "4242424242424242");
    lose = false;
    faults.beforePaidOrder = (claimId) => {
      if (claimId === a.claimId) throw new Error("this hold's order fails");
    };
    expect(await reconcilePayments({ dropId: a.drop.id, now: Date.now() + 11_000 })).toBe(1);
    expect((await getClaimItem({ id: a.claimId }))!.status).toBe("held");
    expect((await getClaimItem({ id: b.claimId }))!.status).toBe("confirmed");
  });
});
