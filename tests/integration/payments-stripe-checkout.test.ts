// First-come checkout with PAYMENTS=stripe, through the real routes: the official SDK talks to a
// loopback stand-in of Stripe's API (./stripe-stand-in.ts), and Stripe's webhooks are signed with the
// SDK's own test header and the endpoint's secret. One PaymentIntent per hold however often checkout
// is sent; one order however often, and in whatever order, its events arrive; a success after the
// hold ended is refunded once at Stripe; a forged event changes nothing; and with no webhook at all
// the reconciler asks Stripe and writes the order, with the card read from the expanded charge.
process.env.PAYMENTS = "stripe"; // read once per process by lib/env.ts
process.env.STRIPE_SECRET_KEY = "sk_test_droprush_stand_in";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_droprush_stand_in";

import { beforeAll, describe, expect, it } from "vitest";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { reconcilePayments } from "@/lib/claim/paid";
import { getClaimItem } from "@/lib/claim/reads";
import { providePayments } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import { stripeProvider } from "@/lib/payments/stripe";
import { call, ownTable, scanTable, tally } from "./helpers";
import {
  buyer,
  checkout,
  claimOf,
  holdOn,
  mailsTo,
  mailTexts,
  postEvent,
  tableButCounters,
} from "./payments-helpers";
import { stripeEvent, stripeStandIn } from "./stripe-stand-in";

ownTable("droprush-payments-stripe-checkout");

const stripe = stripeStandIn();
beforeAll(() => {
  providePayments(stripeProvider({ secretKey: process.env.STRIPE_SECRET_KEY!, ...stripe.address() }));
});

/** Each event delivered as Stripe posts it: the exact bytes, the Stripe-Signature header. */
const deliver = (e: { payload: string; signature: string }) => postEvent(e.payload, e.signature);
const times = <T>(n: number, f: () => Promise<T>) => Promise.all(Array.from({ length: n }, f));

/** A hold checked out once: its PaymentIntent at the stand-in, waiting for a card. */
async function checkedOut(input: { priceCents?: number } = {}) {
  const hold = await holdOn(input);
  const { res, payment } = await checkout(hold.claimId, hold.shopper, hold.tag);
  expect(res.status).toBe(200);
  return { ...hold, payment };
}

/** The PaymentIntents the stand-in made for a hold. */
const intentsOf = (claimId: string) =>
  [...stripe.intents.values()].filter((i) => (i.metadata as { claimId: string }).claimId === claimId);

/** The order numbers taken for a claim (`ORDERNO#`): one per order, never a second. */
const orderNumbersOf = async (claimId: string) =>
  (await scanTable()).filter((i) => String(i.pk).startsWith("ORDERNO#") && i.claimId === claimId);

describe("checkout with the stripe provider", () => {
  it("checkout sent 5 times at once creates one PaymentIntent for the hold, under one Idempotency-Key", async () => {
    const { shopper, claimId, tag } = await holdOn({ priceCents: 4200 });
    const from = stripe.seen.length;
    const answers = await times(5, () => checkout(claimId, shopper, tag));
    expect(tally(answers.map((a) => a.res.status))).toEqual({ 200: 5 });
    const ids = new Set(answers.map((a) => a.payment.paymentId));
    expect(ids.size).toBe(1);
    const [paymentId] = [...ids];
    const mine = intentsOf(claimId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: paymentId, amount: 4200, currency: "usd" });
    for (const { res, payment } of answers) {
      expect(res.body.claim).toMatchObject({ status: "held" });
      expect(payment).toMatchObject({
        provider: "stripe",
        status: "created",
        amountMinor: 4200,
        clientSecret: mine[0]!.client_secret,
      });
    }
    const creates = stripe.seen.slice(from).filter((s) => s.method === "POST");
    expect(creates.length).toBeGreaterThanOrEqual(5);
    expect(new Set(creates.map((s) => `${s.path} ${s.key}`))).toEqual(
      new Set([`/v1/payment_intents droprush-payment-${claimId}`]),
    );
    expect((await getClaimItem({ id: claimId }))!.paymentId).toBe(paymentId);
    // Once more after: still that one.
    expect((await checkout(claimId, shopper, tag)).payment.paymentId).toBe(paymentId);
    expect(intentsOf(claimId)).toHaveLength(1);
  });

  it("payment_intent.succeeded delivered 10 times at once: one order, one order number, one mail, the card's last four", async () => {
    const { shopper, claimId, tag, payment } = await checkedOut();
    const succeeded = stripeEvent("payment_intent.succeeded", stripe.succeed(payment.paymentId, "4242"));
    const answers = await times(10, () => deliver(succeeded));
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10 });
    expect(answers.filter((a) => a.body.applied)).toHaveLength(1);
    const claim = await claimOf(claimId, shopper);
    expect(claim).toMatchObject({
      status: "confirmed",
      order: {
        buyer: buyer(tag),
        payment: { provider: "stripe", paymentId: payment.paymentId, last4: "4242" },
      },
      payment: { status: "succeeded" },
    });
    expect(await orderNumbersOf(claimId)).toEqual([
      expect.objectContaining({ pk: `ORDERNO#${claim.orderNumber}` }),
    ]);
    const mails = await mailTexts(buyer(tag).email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Paid with the card ending 4242.");
    // Stripe resends it (×10 more), and the shopper sends checkout again: the same order, no mail.
    const resent = await times(10, () => deliver(succeeded));
    expect(resent.every((a) => a.status === 200 && a.body.duplicate)).toBe(true);
    const again = await checkout(claimId, shopper, tag);
    expect(again.res.body.claim).toMatchObject({ status: "confirmed", orderNumber: claim.orderNumber });
    expect(await mailsTo(buyer(tag).email)).toHaveLength(1);
  });

  it("an earlier card's payment_intent.payment_failed delivered after the success: one order, the payment stays succeeded", async () => {
    const { shopper, claimId, tag, payment } = await checkedOut();
    const declined = stripeEvent(
      "payment_intent.payment_failed",
      stripe.decline(payment.paymentId, "insufficient_funds"),
    );
    const succeeded = stripeEvent("payment_intent.succeeded", stripe.succeed(payment.paymentId, "4242"));
    expect((await deliver(succeeded)).status).toBe(200);
    const { orderNumber } = await claimOf(claimId, shopper);
    const late = await deliver(declined);
    expect(late).toMatchObject({ status: 200, body: { applied: false } });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: succeeded.id });
    expect((await getPayment({ claimId }))!.failure).toBeUndefined();
    expect(await claimOf(claimId, shopper)).toMatchObject({
      status: "confirmed",
      orderNumber,
      payment: { status: "succeeded" },
    });
    expect(await orderNumbersOf(claimId)).toHaveLength(1);
    expect(await mailsTo(buyer(tag).email)).toHaveLength(1);
  });

  it("a success after the hold was released: one refund at Stripe, under the hold's refund key, and no order", async () => {
    const { shopper, claimId, tag, payment } = await checkedOut();
    const released = await call(releaseRoute, { params: { claimId }, token: shopper.token, json: {} });
    expect(released.status).toBe(200);
    const succeeded = stripeEvent("payment_intent.succeeded", stripe.succeed(payment.paymentId));
    // Delivered, and resent at once (×5): refunded once whichever delivery gets there first.
    const answers = await times(5, () => deliver(succeeded));
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 5 });
    const refundCalls = stripe.seen.filter(
      (s) => s.path === "/v1/refunds" && s.form.get("payment_intent") === payment.paymentId,
    );
    expect(refundCalls.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refundCalls.map((s) => s.key))).toEqual(new Set([`droprush-refund-${claimId}`]));
    const refunds = [...stripe.refunds.values()].filter((r) => r.payment_intent === payment.paymentId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 2500, metadata: { claimId } });
    // Stripe's refund.created (×3 at once) moves the payment to refunded: the claim says so, and the
    // shopper gets one mail, the refund's, and no order's.
    const refunded = stripeEvent("refund.created", refunds[0]);
    expect(tally((await times(3, () => deliver(refunded))).map((a) => a.status))).toEqual({ 200: 3 });
    const claim = await claimOf(claimId, shopper);
    expect(claim).toMatchObject({ status: "released", payment: { status: "refunded" } });
    expect(claim.order).toBeUndefined();
    expect(await orderNumbersOf(claimId)).toHaveLength(0);
    const mails = await mailTexts(buyer(tag).email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Subject: Refunded:");
    // Stripe's resend of the success days later: nothing more is refunded.
    expect((await deliver(succeeded)).body).toMatchObject({ duplicate: true });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === payment.paymentId)).toHaveLength(
      1,
    );
  });

  it("a forged signature: 400 BAD_SIGNATURE, and nothing changes (no order, the payment as it was)", async () => {
    const { shopper, claimId, tag, payment } = await checkedOut();
    const paid = stripe.succeed(payment.paymentId);
    const before = await tableButCounters();
    const pay = await getPayment({ claimId });
    const forged = stripeEvent("payment_intent.succeeded", paid, { secret: "whsec_someone_else" });
    const genuine = stripeEvent("payment_intent.succeeded", paid);
    // …and Stripe's own signature over another body (the amount changed on the way).
    const tampered = { ...genuine, payload: genuine.payload.replace('"amount":2500', '"amount":1') };
    expect(tampered.payload).not.toBe(genuine.payload);
    for (const e of [forged, tampered]) {
      const res = await deliver(e);
      expect(res).toMatchObject({ status: 400, body: { error: { code: "BAD_SIGNATURE" } } });
    }
    expect(await tableButCounters()).toEqual(before);
    expect(await getPayment({ claimId })).toEqual(pay);
    expect(pay).toMatchObject({ status: "created" });
    expect(await claimOf(claimId, shopper)).toMatchObject({ status: "held", payment: { status: "created" } });
    expect(await mailsTo(buyer(tag).email)).toHaveLength(0);
  });

  it("no webhook ever delivered: the reconciler asks Stripe and writes one order, the card's last four from the expanded charge", async () => {
    const { drop, shopper, claimId, tag, payment } = await checkedOut();
    stripe.succeed(payment.paymentId, "5556"); // paid at Stripe; its webhook never arrives
    // Asked only once the payment has been quiet a while (the webhook usually comes first).
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() })).toBe(0);
    const from = stripe.seen.length;
    expect(await reconcilePayments({ dropId: drop.id, now: Date.now() + 11_000 })).toBe(1);
    const asked = stripe.seen
      .slice(from)
      .filter((s) => s.path === `/v1/payment_intents/${payment.paymentId}`);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.every((s) => s.method === "GET" && s.expand.includes("latest_charge"))).toBe(true);
    const claim = await claimOf(claimId, shopper);
    expect(claim).toMatchObject({
      status: "confirmed",
      order: { payment: { provider: "stripe", paymentId: payment.paymentId, last4: "5556" } },
      payment: { status: "succeeded" },
    });
    expect(await getPayment({ claimId })).toMatchObject({ eventId: `reconciled-${payment.paymentId}` });
    // The reconciler's next turn, and the webhook arriving after all: the same order, one mail.
    await reconcilePayments({ dropId: drop.id, now: Date.now() + 22_000 });
    const late = await deliver(
      stripeEvent("payment_intent.succeeded", stripe.intents.get(payment.paymentId)),
    );
    expect(late.status).toBe(200);
    expect((await claimOf(claimId, shopper)).orderNumber).toBe(claim.orderNumber);
    expect(await orderNumbersOf(claimId)).toHaveLength(1);
    const mails = await mailTexts(buyer(tag).email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain("Paid with the card ending 5556.");
  });
});
