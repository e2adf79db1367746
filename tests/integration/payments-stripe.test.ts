// The stripe provider: the official SDK pointed (host, port, protocol) at a stand-in of the few API
// routes it uses, on 127.0.0.1 (./stripe-stand-in.ts), which keeps Stripe's idempotency rule (a key
// seen before answers its first response); webhooks signed with the SDK's own test header and the
// endpoint's secret.
process.env.PAYMENTS = "stripe";
process.env.STRIPE_SECRET_KEY = "sk_test_droprush_stand_in";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_droprush_stand_in";

import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createHoldPayment } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import { stripeProvider } from "@/lib/payments/stripe";
import type { PaymentProvider } from "@/lib/payments/provider";
import { ownTable, tally } from "./helpers";
import { intentFor, newHold, postEvent, tableButCounters } from "./payments-helpers";
import { stripeEvent, stripeStandIn } from "./stripe-stand-in";

ownTable("droprush-payments-stripe");

const stripe = stripeStandIn();
const { seen, done, intents } = stripe;
let provider: PaymentProvider;
beforeAll(() => {
  provider = stripeProvider({ secretKey: process.env.STRIPE_SECRET_KEY!, ...stripe.address() });
});

describe("the stripe provider through the SDK", () => {
  it("creates one PaymentIntent per hold: resends carry the same Idempotency-Key", async () => {
    const { claimId } = await newHold(4200);
    const create = () =>
      createHoldPayment({ provider, claimId, amountMinor: 4200, currency: "USD", now: Date.now() });
    const results = await Promise.all([create(), create(), create()]);
    results.push(await create());
    expect(new Set(results.map((r) => r.payment.paymentId)).size).toBe(1);
    const creates = seen.filter((s) => s.path === "/v1/payment_intents" && s.method === "POST");
    expect(new Set(creates.map((s) => s.key))).toEqual(new Set([`droprush-payment-${claimId}`]));
    expect(creates.every((s) => s.auth === `Bearer ${process.env.STRIPE_SECRET_KEY}`)).toBe(true);
    expect(
      [...intents.values()].filter((i) => (i.metadata as { claimId: string }).claimId === claimId),
    ).toHaveLength(1);
    expect(await getPayment({ claimId })).toMatchObject({
      provider: "stripe",
      status: "created",
      amountMinor: 4200,
      currency: "usd",
      paymentId: results[0]!.payment.paymentId,
    });
    expect(results[0]!.clientSecret).toMatch(/_secret_/);
  });

  it("the SDK's own retry after a 503 resends the same key: still one PaymentIntent", async () => {
    const { claimId } = await newHold();
    const before = intents.size;
    stripe.failNext(1);
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 1999,
      currency: "usd",
      now: Date.now(),
    });
    const tries = seen.filter((s) => s.key === `droprush-payment-${claimId}`);
    expect(tries).toHaveLength(2);
    expect(intents.size).toBe(before + 1);
    expect((await provider.getPayment(payment.paymentId)).claimId).toBe(claimId);
  });

  it("a refund is sent with the hold's refund key, and answered by the SDK", async () => {
    const { claimId } = await newHold();
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 1999,
      currency: "usd",
      now: Date.now(),
    });
    stripe.succeed(payment.paymentId); // only a paid intent can be refunded
    const refund = await provider.refund({ paymentId: payment.paymentId, claimId });
    expect(refund).toMatchObject({ paymentId: payment.paymentId, status: "succeeded" });
    expect(seen.at(-1)).toMatchObject({ path: "/v1/refunds", key: `droprush-refund-${claimId}` });
  });
});

describe("authorisations through the SDK (capture_method: manual)", () => {
  const authorisation = async () => {
    const { claimId } = await newHold(3000);
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 3000,
      currency: "USD",
      capture: "manual",
      ref: `entry#drop#${claimId}`,
      now: Date.now(),
    });
    return { claimId, paymentId: payment.paymentId, payment };
  };
  /** The card held at Stripe, and its webhook delivered: the payment authorised. */
  const authorised = async () => {
    const a = await authorisation();
    const held = stripeEvent("payment_intent.amount_capturable_updated", stripe.authorise(a.paymentId));
    expect((await postEvent(held.payload, held.signature)).body.applied).toBe(true);
    return a;
  };
  const requests = (list: typeof seen, paymentId: string, action: string) =>
    list.filter((s) => s.method === "POST" && s.path === `/v1/payment_intents/${paymentId}/${action}`);
  const notCapturable = (p: Promise<unknown>) =>
    expect(p).rejects.toSatisfy((err) => err instanceof AppError && err.code === "PAYMENT_NOT_CAPTURABLE");

  it("creates with capture_method manual under the authorise key: another PaymentIntent than checkout's", async () => {
    const { claimId, paymentId, payment } = await authorisation();
    const create = seen.find((s) => s.key === `droprush-authorise-${claimId}`)!;
    expect(create).toMatchObject({ method: "POST", path: "/v1/payment_intents" });
    expect(create.form.get("capture_method")).toBe("manual");
    expect(payment).toMatchObject({ status: "created", ref: `entry#drop#${claimId}` });
    const ordinary = await provider.createPayment({ claimId, amountMinor: 3000, currency: "usd" });
    expect(ordinary.id).not.toBe(paymentId);
    const plain = seen.find((s) => s.key === `droprush-payment-${claimId}`)!;
    expect(plain.form.has("capture_method")).toBe(false);
  });

  it("captures ×3 at once and once more under the capture key: one capture, the payment succeeded", async () => {
    const { claimId, paymentId } = await authorised();
    expect((await getPayment({ claimId }))?.status).toBe("authorised");
    const capture = () => provider.capture({ paymentId, claimId });
    const answers = await Promise.all([capture(), capture(), capture()]);
    answers.push(await capture());
    expect(answers.map((a) => a.status)).toEqual(Array(4).fill("succeeded"));
    const sent = requests(seen, paymentId, "capture");
    expect(new Set(sent.map((s) => s.key))).toEqual(new Set([`droprush-capture-${claimId}`]));
    expect(requests(done, paymentId, "capture")).toHaveLength(1);
    expect(intents.get(paymentId)).toMatchObject({ amount_received: 3000, amount_capturable: 0 });
    const paid = stripeEvent("payment_intent.succeeded", structuredClone(intents.get(paymentId)));
    await postEvent(paid.payload, paid.signature);
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", paymentId });
  });

  it("releases under the cancel key; a capture after it is PAYMENT_NOT_CAPTURABLE", async () => {
    const { claimId, paymentId } = await authorised();
    const released = await provider.cancel({ paymentId, claimId });
    expect(released.status).toBe("canceled");
    expect((await provider.cancel({ paymentId, claimId })).status).toBe("canceled"); // replayed by its key
    expect(new Set(requests(seen, paymentId, "cancel").map((s) => s.key))).toEqual(
      new Set([`droprush-cancel-${paymentId}`]),
    );
    expect(requests(done, paymentId, "cancel")).toHaveLength(1);
    const event = stripeEvent("payment_intent.canceled", structuredClone(intents.get(paymentId)));
    await postEvent(event.payload, event.signature);
    expect((await getPayment({ claimId }))?.status).toBe("released");

    await notCapturable(provider.capture({ paymentId, claimId }));
    expect(intents.get(paymentId)).toMatchObject({ status: "canceled", amount_received: 0 });
  });

  it("a payment charged already: a capture answers it, a release is PAYMENT_NOT_CAPTURABLE", async () => {
    const { claimId } = await newHold();
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 1999,
      currency: "usd",
      now: Date.now(),
    });
    stripe.succeed(payment.paymentId, "1881");
    const captured = await provider.capture({ paymentId: payment.paymentId, claimId });
    expect(captured).toMatchObject({ status: "succeeded", last4: "1881" });
    await notCapturable(provider.cancel({ paymentId: payment.paymentId, claimId }));
    expect(intents.get(payment.paymentId)).toMatchObject({ status: "succeeded" });
  });

  it("the SDK resends a capture after a 503 with the same key; an outage past its retries is thrown as is", async () => {
    const { claimId, paymentId } = await authorised();
    stripe.failNext(1);
    expect((await provider.capture({ paymentId, claimId })).status).toBe("succeeded");
    expect(requests(seen, paymentId, "capture").map((s) => s.key)).toEqual(
      Array(2).fill(`droprush-capture-${claimId}`),
    );
    expect(requests(done, paymentId, "capture")).toHaveLength(1);

    const other = await authorised();
    stripe.failNext(3); // the SDK's first try and its 2 retries
    const outage = await provider.cancel(other).catch((err: unknown) => err);
    expect(outage).toBeInstanceOf(Error);
    expect(outage).not.toBeInstanceOf(AppError);
    expect(intents.get(other.paymentId)).toMatchObject({ status: "requires_capture" });
  });
});

describe("Stripe's webhooks, signed with the SDK's test header", () => {
  it("succeeded ×10 (at once), then a late failure: one succeeded payment; a forged one changes nothing", async () => {
    const { claimId } = await newHold();
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 1999,
      currency: "usd",
      now: Date.now(),
    });
    const intent = (extra: Record<string, unknown>) => intentFor(claimId, payment.paymentId, extra);
    const ok = stripeEvent("payment_intent.succeeded", intent({ status: "succeeded" }), {
      id: "evt_stand_ok",
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => postEvent(ok.payload, ok.signature)));
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10 });
    expect(answers.filter((a) => a.body.applied)).toHaveLength(1);
    const late = stripeEvent(
      "payment_intent.payment_failed",
      intent({ last_payment_error: { code: "card_declined", decline_code: "generic_decline" } }),
    );
    expect((await postEvent(late.payload, late.signature)).status).toBe(200);
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: "evt_stand_ok" });

    const before = await tableButCounters();
    const forged = stripeEvent("refund.created", intent({}), { secret: "whsec_someone_else" });
    const res = await postEvent(forged.payload, forged.signature);
    expect(res).toMatchObject({ status: 400, body: { error: { code: "BAD_SIGNATURE" } } });
    expect(await tableButCounters()).toEqual(before);
  });
});
