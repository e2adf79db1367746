// The stripe provider: the official SDK pointed (host, port, protocol) at a stand-in of the few API
// routes it uses, on 127.0.0.1, which keeps Stripe's idempotency rule (a key seen before answers its
// first response); webhooks signed with the SDK's own test header and the endpoint's secret.
process.env.PAYMENTS = "stripe";
process.env.STRIPE_SECRET_KEY = "sk_test_droprush_stand_in";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_droprush_stand_in";

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHoldPayment } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import { stripeProvider } from "@/lib/payments/stripe";
import type { PaymentProvider } from "@/lib/payments/provider";
import { ownTable, scanTable, tally } from "./helpers";
import { intentFor, newHold, postEvent } from "./payments-helpers";

ownTable("droprush-payments-stripe");

type Seen = { method: string; path: string; key: string | undefined; auth: string | undefined };
const seen: Seen[] = [];
const byKey = new Map<string, { status: number; body: unknown }>();
const intents = new Map<string, Record<string, unknown>>();
/** Requests to answer 503 (retryable) once before serving them: the SDK must resend with the same key. */
let failNext = 0;
let server: Server;
let provider: PaymentProvider;

const bodyOf = async (req: IncomingMessage) => {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
};

function route(method: string, path: string, form: URLSearchParams): { status: number; body: unknown } {
  if (method === "POST" && path === "/v1/payment_intents") {
    const id = `pi_stand_${intents.size + 1}`;
    const intent = {
      id,
      object: "payment_intent",
      amount: Number(form.get("amount")),
      currency: form.get("currency"),
      status: "requires_payment_method",
      client_secret: `${id}_secret_x`,
      metadata: { claimId: form.get("metadata[claimId]") },
      last_payment_error: null,
    };
    intents.set(id, intent);
    return { status: 200, body: intent };
  }
  const one = /^\/v1\/payment_intents\/([\w-]+)$/.exec(path);
  if (method === "GET" && one) {
    const intent = intents.get(one[1]!);
    return intent
      ? { status: 200, body: intent }
      : {
          status: 404,
          body: { error: { type: "invalid_request_error", message: "No such payment_intent" } },
        };
  }
  if (method === "POST" && path === "/v1/refunds") {
    const pi = form.get("payment_intent")!;
    return {
      status: 200,
      body: { id: `re_${pi}`, object: "refund", payment_intent: pi, status: "succeeded" },
    };
  }
  return { status: 404, body: { error: { type: "invalid_request_error", message: `${method} ${path}` } } };
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const form = await bodyOf(req);
    const key = req.headers["idempotency-key"] as string | undefined;
    const path = (req.url ?? "").split("?")[0]!;
    seen.push({ method: req.method!, path, key, auth: req.headers.authorization });
    let answer: { status: number; body: unknown };
    if (failNext > 0) {
      failNext--;
      res.writeHead(503, { "content-type": "application/json", "stripe-should-retry": "true" });
      res.end(JSON.stringify({ error: { type: "api_error", message: "try again" } }));
      return;
    }
    const replay = key ? byKey.get(`${req.method} ${path} ${key}`) : undefined;
    if (replay) answer = replay;
    else {
      answer = route(req.method!, path, form);
      if (key) byKey.set(`${req.method} ${path} ${key}`, answer);
    }
    res.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${seen.length}` });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  provider = stripeProvider({
    secretKey: process.env.STRIPE_SECRET_KEY!,
    host: "127.0.0.1",
    port,
    protocol: "http",
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
    failNext = 1;
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
    const refund = await provider.refund({ paymentId: payment.paymentId, claimId });
    expect(refund).toMatchObject({ paymentId: payment.paymentId, status: "succeeded" });
    expect(seen.at(-1)).toMatchObject({ path: "/v1/refunds", key: `droprush-refund-${claimId}` });
  });
});

describe("Stripe's webhooks, signed with the SDK's test header", () => {
  const sign = (payload: string, secret = process.env.STRIPE_WEBHOOK_SECRET!) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret });

  it("succeeded ×10 (at once), then a late failure: one succeeded payment; a forged one changes nothing", async () => {
    const { claimId } = await newHold();
    const { payment } = await createHoldPayment({
      provider,
      claimId,
      amountMinor: 1999,
      currency: "usd",
      now: Date.now(),
    });
    const event = (id: string, type: string, extra: Record<string, unknown>) =>
      JSON.stringify({
        id,
        object: "event",
        type,
        data: { object: intentFor(claimId, payment.paymentId, extra) },
      });
    const ok = event("evt_stand_ok", "payment_intent.succeeded", { status: "succeeded" });
    const answers = await Promise.all(Array.from({ length: 10 }, () => postEvent(ok, sign(ok))));
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10 });
    expect(answers.filter((a) => a.body.applied)).toHaveLength(1);
    const late = event("evt_stand_late", "payment_intent.payment_failed", {
      last_payment_error: { code: "card_declined", decline_code: "generic_decline" },
    });
    expect((await postEvent(late, sign(late))).status).toBe(200);
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded", eventId: "evt_stand_ok" });

    const before = await scanTable();
    const forged = event("evt_stand_forged", "refund.created", {});
    const res = await postEvent(forged, sign(forged, "whsec_someone_else"));
    expect(res).toMatchObject({ status: 400, body: { error: { code: "BAD_SIGNATURE" } } });
    expect(await scanTable()).toEqual(before);
  });
});
