// POST /api/webhooks/payments under what providers do: events delivered more than once, at once, in
// any order, before the app recorded the payment; and forged ones, which change nothing.
import { describe, expect, it } from "vitest";
import { recordPayment, getPayment } from "@/lib/payments/payments";
import { signPayload } from "@/lib/payments/signing";
import { ownTable, scanTable, tally } from "./helpers";
import { intentFor, paymentItems, postEvent, signedEvent } from "./payments-helpers";

ownTable("droprush-payments-webhooks");
// Read once per process by lib/env.ts: said here, so no other file of this worker decides it.
process.env.PAYMENTS = "local";

let n = 0;
const ids = () => ({ claimId: `claim-wh-${process.pid}-${++n}`, paymentId: `pi_wh_${process.pid}_${n}` });

const succeeded = (claimId: string, paymentId: string) =>
  signedEvent("payment_intent.succeeded", intentFor(claimId, paymentId, { status: "succeeded" }));
const failed = (claimId: string, paymentId: string) =>
  signedEvent(
    "payment_intent.payment_failed",
    intentFor(claimId, paymentId, {
      status: "requires_payment_method",
      last_payment_error: { code: "card_declined", decline_code: "generic_decline", message: "Declined." },
    }),
  );
const refunded = (claimId: string, paymentId: string) =>
  signedEvent("refund.created", {
    id: `re_${paymentId}`,
    object: "refund",
    payment_intent: paymentId,
    amount: 1999,
    currency: "usd",
    status: "succeeded",
    metadata: { claimId },
  });

describe("duplicates", () => {
  it("one event delivered 10 times at once: all 200, applied once, recorded once", async () => {
    const { claimId, paymentId } = ids();
    const event = succeeded(claimId, paymentId);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postEvent(event.payload, event.signature)),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10 });
    expect(answers.filter((a) => a.body.applied === true)).toHaveLength(1);
    // And 10 more, one after another: each is a recorded duplicate.
    for (let i = 0; i < 10; i++) {
      const again = await postEvent(event.payload, event.signature);
      expect(again).toMatchObject({ status: 200, body: { duplicate: true, applied: false } });
    }
    const { payments, events } = await paymentItems();
    expect(payments.filter((p) => p.claimId === claimId)).toEqual([
      expect.objectContaining({ status: "succeeded", paymentId, eventId: event.id }),
    ]);
    expect(events.filter((e) => e.pk === `PAYEVENT#${event.id}`)).toHaveLength(1);
  });
});

describe("any order of delivery gives one state", () => {
  const orders = [
    ["failed", "succeeded", "refunded"],
    ["failed", "refunded", "succeeded"],
    ["succeeded", "failed", "refunded"],
    ["succeeded", "refunded", "failed"],
    ["refunded", "failed", "succeeded"],
    ["refunded", "succeeded", "failed"],
  ] as const;
  const make = { failed, succeeded, refunded };

  it.each(orders)("%s, %s, %s (each twice) ends refunded", async (...order) => {
    const { claimId, paymentId } = ids();
    const events = order.map((kind) => make[kind](claimId, paymentId));
    for (const e of [...events, ...events])
      expect((await postEvent(e.payload, e.signature)).status).toBe(200);
    expect((await getPayment({ claimId }))?.status).toBe("refunded");
  });

  it("a late failure (an earlier card's) cannot undo a success", async () => {
    const { claimId, paymentId } = ids();
    await recordPayment({
      provider: "local",
      payment: {
        id: paymentId,
        claimId,
        amountMinor: 1999,
        currency: "usd",
        status: "requires_payment_method",
        clientSecret: "s",
      },
      now: Date.now(),
    });
    const ok = succeeded(claimId, paymentId);
    const late = failed(claimId, paymentId);
    await postEvent(ok.payload, ok.signature);
    expect(await postEvent(late.payload, late.signature)).toMatchObject({
      status: 200,
      body: { applied: false },
    });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: ok.id });
  });

  it("an event before the app recorded the payment: the event's state stands, the record joins it", async () => {
    const { claimId, paymentId } = ids();
    const ok = succeeded(claimId, paymentId);
    expect((await postEvent(ok.payload, ok.signature)).body.applied).toBe(true);
    const recorded = await recordPayment({
      provider: "local",
      payment: {
        id: paymentId,
        claimId,
        amountMinor: 1999,
        currency: "usd",
        status: "succeeded",
        clientSecret: "s",
      },
      now: Date.now(),
    });
    expect(recorded).toMatchObject({ status: "succeeded", paymentId });
  });

  it("an event for another payment id of the same hold moves nothing", async () => {
    const { claimId, paymentId } = ids();
    const ok = succeeded(claimId, paymentId);
    await postEvent(ok.payload, ok.signature);
    const stranger = refunded(claimId, "pi_someone_else");
    expect(await postEvent(stranger.payload, stranger.signature)).toMatchObject({
      status: 200,
      body: { applied: false },
    });
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId });
  });

  it("events that move no payment (created, requires_action, not ours) are answered 200 and recorded", async () => {
    const { claimId, paymentId } = ids();
    const created = signedEvent("payment_intent.created", intentFor(claimId, paymentId));
    const notOurs = signedEvent("payment_intent.succeeded", {
      ...intentFor(claimId, paymentId),
      metadata: {},
    });
    const other = signedEvent("customer.created", { id: "cus_1", object: "customer" });
    // Another integration's refund on the same account: no PaymentIntent, none of our metadata. A
    // 4xx would be resent for days; it is answered like any event that is not ours.
    const foreignRefund = signedEvent("refund.created", {
      id: "re_1",
      object: "refund",
      charge: "ch_1",
      amount: 500,
      currency: "usd",
      status: "succeeded",
    });
    for (const e of [created, notOurs, other, foreignRefund])
      expect(await postEvent(e.payload, e.signature)).toMatchObject({
        status: 200,
        body: { applied: false },
      });
    expect(await getPayment({ claimId })).toBeUndefined();
  });
});

describe("forged signatures change nothing", () => {
  it("another secret, a changed body, an old timestamp, no header: 400 BAD_SIGNATURE, the table as it was", async () => {
    const { claimId, paymentId } = ids();
    const real = succeeded(claimId, paymentId);
    const before = await scanTable();
    const forgeries: [string, string | undefined][] = [
      [real.payload, signPayload(real.payload, "whsec_not_ours")],
      [real.payload.replace('"amount":1999', '"amount":1'), real.signature],
      [real.payload, signPayload(real.payload, undefined, Math.floor(Date.now() / 1000) - 3600)],
      [real.payload, undefined],
      [real.payload, "t=1,v1=deadbeef"],
    ];
    for (const [payload, signature] of forgeries) {
      const res = await postEvent(payload, signature);
      expect(res).toMatchObject({ status: 400, body: { error: { code: "BAD_SIGNATURE" } } });
    }
    expect(await scanTable()).toEqual(before);
    // The genuine delivery still applies afterwards.
    expect((await postEvent(real.payload, real.signature)).body.applied).toBe(true);
  });

  it("a signed body that is not an event is 400 INVALID_REQUEST, nothing written", async () => {
    const before = await scanTable();
    const payload = JSON.stringify({ hello: "world" });
    const res = await postEvent(payload, signPayload(payload));
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_REQUEST" } } });
    expect(await scanTable()).toEqual(before);
  });
});
