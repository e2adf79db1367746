// Authorise now, capture later (a draw's entry, Stripe's `capture_method: "manual"`) with the local
// provider: the card held, then captured or released, each change one signed event into the real
// webhook route; and the hold's payment item (`PAY#`) as it ends up, whatever the order of delivery.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createHoldPayment } from "@/lib/payments/hold-payment";
import { localProvider, type Deliver } from "@/lib/payments/local";
import { getPayment, recordPayment } from "@/lib/payments/payments";
import type { ProviderPayment } from "@/lib/payments/provider";
import { ownTable, tally } from "./helpers";
import { inProcessDelivery, intentFor, postEvent, signedEvent } from "./payments-helpers";

ownTable("droprush-payments-capture");
// Read once per process by lib/env.ts: said here, so no other file of this worker decides it.
process.env.PAYMENTS = "local";

const { deliver: intoWebhook, answers } = inProcessDelivery();
/** Every event the provider sent, as Stripe would post it. */
const sent: { type: string; data: { object: Record<string, unknown> } }[] = [];
const deliver: Deliver = async (payload, signature) => {
  sent.push(JSON.parse(payload));
  await intoWebhook(payload, signature);
};
const local = localProvider({ deliver });

let n = 0;
const newClaim = () => `claim-cap-${process.pid}-${++n}`;
const eventsOf = (paymentId: string) => sent.filter((e) => e.data.object.id === paymentId).map((e) => e.type);

/** A draw entry's authorisation, created and recorded as the draw side will. */
async function authorisation(claimId = newClaim()) {
  const { payment } = await createHoldPayment({
    provider: local,
    claimId,
    amountMinor: 2500,
    currency: "USD",
    capture: "manual",
    ref: `entry#drop-1#${claimId}`,
    now: Date.now(),
  });
  return { claimId, paymentId: payment.paymentId, payment };
}

/** An authorisation whose card (4242) was confirmed: the card is held. */
async function authorised() {
  const a = await authorisation();
  await local.confirmCard({ paymentId: a.paymentId, cardNumber: "4242 4242 4242 4242" });
  return a;
}

const notCapturable = (p: Promise<unknown>) =>
  expect(p).rejects.toSatisfy((err) => err instanceof AppError && err.code === "PAYMENT_NOT_CAPTURABLE");

describe("an authorisation (manual capture)", () => {
  it("4242 authorises: requires_capture, the amount_capturable_updated event, the payment authorised", async () => {
    const { claimId, paymentId, payment } = await authorisation();
    expect(payment).toMatchObject({ status: "created", ref: `entry#drop-1#${claimId}` });
    const after = await local.confirmCard({ paymentId, cardNumber: "4242424242424242" });
    expect(after).toMatchObject({ status: "requires_capture", last4: "4242" });
    expect(eventsOf(paymentId)).toEqual([
      "payment_intent.created",
      "payment_intent.amount_capturable_updated",
    ]);
    expect(sent.at(-1)!.data.object).toMatchObject({
      capture_method: "manual",
      amount_capturable: 2500,
      amount_received: 0,
      status: "requires_capture",
    });
    expect(await getPayment({ claimId })).toMatchObject({
      status: "authorised",
      paymentId,
      ref: `entry#drop-1#${claimId}`,
    });
  });

  it("is another payment than the same claim's ordinary one (its own idempotency key)", async () => {
    const claimId = newClaim();
    const manual = await local.createPayment({
      claimId,
      amountMinor: 2500,
      currency: "usd",
      capture: "manual",
    });
    const again = await local.createPayment({
      claimId,
      amountMinor: 2500,
      currency: "usd",
      capture: "manual",
    });
    const ordinary = await local.createPayment({ claimId, amountMinor: 2500, currency: "usd" });
    expect(again.id).toBe(manual.id);
    expect(ordinary.id).not.toBe(manual.id);
    await local.confirmCard({ paymentId: ordinary.id, cardNumber: "4242424242424242" });
    expect((await local.getPayment(ordinary.id)).status).toBe("succeeded"); // automatic, as before
  });

  it("captured ×5 at once, then again: succeeded, one event, every answer the same", async () => {
    const { claimId, paymentId } = await authorised();
    const captures = await Promise.all(
      Array.from({ length: 5 }, () => local.capture({ paymentId, claimId })),
    );
    captures.push(await local.capture({ paymentId, claimId }));
    expect(captures.map((c) => c.status)).toEqual(Array(6).fill("succeeded"));
    expect(tally(eventsOf(paymentId))["payment_intent.succeeded"]).toBe(1);
    expect(sent.findLast((e) => e.data.object.id === paymentId)!.data.object).toMatchObject({
      capture_method: "manual",
      amount_capturable: 0,
      amount_received: 2500,
    });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId });
  });

  it("released (cancel) ×3: released, one event; a capture after it is PAYMENT_NOT_CAPTURABLE", async () => {
    const { claimId, paymentId } = await authorised();
    const cancels = await Promise.all(Array.from({ length: 3 }, () => local.cancel({ paymentId, claimId })));
    expect(cancels.map((c) => c.status)).toEqual(["canceled", "canceled", "canceled"]);
    expect(tally(eventsOf(paymentId))["payment_intent.canceled"]).toBe(1);
    expect((await getPayment({ claimId }))?.status).toBe("released");
    await notCapturable(local.capture({ paymentId, claimId }));
    expect((await local.getPayment(paymentId)).status).toBe("canceled");
    expect((await getPayment({ claimId }))?.status).toBe("released");
  });

  it("a capture and a release at once: exactly one wins, the other is refused", async () => {
    const { claimId, paymentId } = await authorised();
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 3 }, () => local.capture({ paymentId, claimId })),
      ...Array.from({ length: 3 }, () => local.cancel({ paymentId, claimId })),
    ]);
    const won = (await local.getPayment(paymentId)).status;
    expect(["succeeded", "canceled"]).toContain(won);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
    expect(fulfilled.map((o) => (o as PromiseFulfilledResult<ProviderPayment>).value.status)).toEqual(
      Array(3).fill(won),
    );
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(3);
    const moves = eventsOf(paymentId).filter(
      (t) => t === "payment_intent.succeeded" || t === "payment_intent.canceled",
    );
    expect(moves).toHaveLength(1);
    expect((await getPayment({ claimId }))?.status).toBe(won === "succeeded" ? "succeeded" : "released");
  });

  it("only an authorisation is captured; a charged payment is not released", async () => {
    const unconfirmed = await authorisation();
    await notCapturable(local.capture(unconfirmed));
    // An unconfirmed payment may be canceled, as at Stripe.
    expect((await local.cancel(unconfirmed)).status).toBe("canceled");
    expect((await getPayment({ claimId: unconfirmed.claimId }))?.status).toBe("released");

    const claimId = newClaim();
    const paid = await local.createPayment({ claimId, amountMinor: 2500, currency: "usd" });
    await local.confirmCard({ paymentId: paid.id, cardNumber: "4242424242424242" });
    await notCapturable(local.cancel({ paymentId: paid.id, claimId }));
    // Succeeded already: a capture answers it as it is.
    expect((await local.capture({ paymentId: paid.id, claimId })).status).toBe("succeeded");
    expect((await local.getPayment(paid.id)).status).toBe("succeeded");
  });

  it("a declined card, then 3155 approved: authorised; refused instead: failed", async () => {
    const a = await authorisation();
    await local.confirmCard({ paymentId: a.paymentId, cardNumber: "4000000000000002" });
    expect((await getPayment({ claimId: a.claimId }))?.status).toBe("failed");
    await notCapturable(local.capture(a));
    const step = await local.confirmCard({ paymentId: a.paymentId, cardNumber: "4000002500003155" });
    expect(step.status).toBe("requires_action");
    expect((await local.authenticate({ paymentId: a.paymentId, approve: true })).status).toBe(
      "requires_capture",
    );
    expect(await getPayment({ claimId: a.claimId })).toMatchObject({ status: "authorised" });
    expect((await getPayment({ claimId: a.claimId }))?.failure).toBeUndefined();

    const refused = await authorisation();
    await local.confirmCard({ paymentId: refused.paymentId, cardNumber: "4000002500003155" });
    await local.authenticate({ paymentId: refused.paymentId, approve: false });
    expect((await getPayment({ claimId: refused.claimId }))?.status).toBe("failed");
  });

  it("every event the provider sent was answered 200", () => {
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });
});

describe("any order of delivery gives one state", () => {
  const intent = (claimId: string, paymentId: string, status: string) =>
    intentFor(claimId, paymentId, { status, capture_method: "manual" });
  const authorisedEvent = (c: string, p: string) =>
    signedEvent("payment_intent.amount_capturable_updated", intent(c, p, "requires_capture"));
  const capturedEvent = (c: string, p: string) =>
    signedEvent("payment_intent.succeeded", intent(c, p, "succeeded"));
  const canceledEvent = (c: string, p: string) =>
    signedEvent("payment_intent.canceled", intent(c, p, "canceled"));
  const deliverAll = async (events: { payload: string; signature: string }[]) => {
    for (const e of [...events, ...events])
      expect((await postEvent(e.payload, e.signature)).status).toBe(200);
  };

  it("captured before authorised (each twice): ends succeeded", async () => {
    const claimId = newClaim();
    const paymentId = `pi_cap_${process.pid}_${n}`;
    await deliverAll([capturedEvent(claimId, paymentId), authorisedEvent(claimId, paymentId)]);
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId });
  });

  it("released before authorised (each twice): ends released", async () => {
    const claimId = newClaim();
    const paymentId = `pi_cap_${process.pid}_${n}`;
    await deliverAll([canceledEvent(claimId, paymentId), authorisedEvent(claimId, paymentId)]);
    expect((await getPayment({ claimId }))?.status).toBe("released");
  });

  it("succeeded and released are alternatives: whichever came first stands", async () => {
    for (const [first, second, ends] of [
      [capturedEvent, canceledEvent, "succeeded"],
      [canceledEvent, capturedEvent, "released"],
    ] as const) {
      const claimId = newClaim();
      const paymentId = `pi_cap_${process.pid}_${n}`;
      await deliverAll([
        authorisedEvent(claimId, paymentId),
        first(claimId, paymentId),
        second(claimId, paymentId),
      ]);
      expect((await getPayment({ claimId }))?.status).toBe(ends);
    }
  });
});

describe("a released authorisation gives way to the claim's next payment", () => {
  const created = (claimId: string, id: string): ProviderPayment => ({
    id,
    claimId,
    amountMinor: 2500,
    currency: "usd",
    status: "requires_payment_method",
    clientSecret: "s",
  });

  it("a winner whose authorisation was released checks out with a new payment, recorded once", async () => {
    const { claimId, paymentId } = await authorised();
    await local.cancel({ paymentId, claimId });
    // The released authorisation itself, recorded again, is not new: it stays released.
    expect(
      await recordPayment({ provider: "local", payment: created(claimId, paymentId), now: Date.now() }),
    ).toMatchObject({ status: "released", paymentId });

    const checkouts = await Promise.all(
      Array.from({ length: 3 }, () =>
        createHoldPayment({ provider: local, claimId, amountMinor: 2500, currency: "USD", now: Date.now() }),
      ),
    );
    const fresh = checkouts[0]!.payment;
    expect(fresh.paymentId).not.toBe(paymentId);
    expect(new Set(checkouts.map((c) => c.payment.paymentId))).toEqual(new Set([fresh.paymentId]));
    expect(fresh).toMatchObject({ status: "created" });
    expect(fresh.ref).toBeUndefined();
    await local.confirmCard({ paymentId: fresh.paymentId, cardNumber: "4242424242424242" });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId: fresh.paymentId });
    // A late event of the released authorisation changes nothing now.
    const late = signedEvent(
      "payment_intent.canceled",
      intentFor(claimId, paymentId, { status: "canceled", capture_method: "manual" }),
    );
    expect((await postEvent(late.payload, late.signature)).body.applied).toBe(false);
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId: fresh.paymentId });
  });

  it("never replaces an authorised or a succeeded payment", async () => {
    const held = await authorised();
    const other = await recordPayment({
      provider: "local",
      payment: created(held.claimId, "pi_someone_else"),
      now: Date.now(),
    });
    expect(other).toMatchObject({ status: "authorised", paymentId: held.paymentId });

    await local.capture(held);
    const after = await recordPayment({
      provider: "local",
      payment: created(held.claimId, "pi_someone_else"),
      now: Date.now(),
    });
    expect(after).toMatchObject({ status: "succeeded", paymentId: held.paymentId });
  });

  it("a ref joins a payment its webhook recorded first, and is never changed", async () => {
    const claimId = newClaim();
    const paymentId = `pi_cap_${process.pid}_${n}`;
    const early = signedEvent(
      "payment_intent.amount_capturable_updated",
      intentFor(claimId, paymentId, { status: "requires_capture", capture_method: "manual" }),
    );
    await postEvent(early.payload, early.signature);
    const record = (ref: string) =>
      recordPayment({ provider: "local", payment: created(claimId, paymentId), ref, now: Date.now() });
    expect(await record("entry#drop-1#a")).toMatchObject({ status: "authorised", ref: "entry#drop-1#a" });
    expect(await record("entry#drop-1#b")).toMatchObject({ ref: "entry#drop-1#a" });
  });
});
