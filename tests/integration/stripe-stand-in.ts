// A loopback stand-in of the few Stripe API routes the stripe provider uses, for the official SDK
// pointed at it (host, port, protocol): POST /v1/payment_intents (with `capture_method`), GET
// /v1/payment_intents/{id} (with `expand[]=latest_charge`), POST /v1/payment_intents/{id}/capture and
// …/cancel, POST /v1/refunds. It keeps Stripe's rules that the tests lean on: a known Idempotency-Key
// answers its first response (and refuses another request or other parameters; while its first
// request is still running, 409 idempotency_key_in_use, which the SDK resends), only a
// `requires_capture` intent is captured and a succeeded or canceled one is not canceled (400
// payment_intent_unexpected_state, the intent in the error), a refund needs a paid intent, a paid
// intent is refunded once. Events are signed as Stripe signs them, with the SDK's test header.
// A real server rather than an interceptor: the SDK's own node http client (keep-alive, retries) runs
// as in production, and the database's traffic in the same process is not intercepted. (msw 3 and
// nock 15, both on @mswjs/interceptors, need Node 22: on Node 20 they fail every request, passed
// through or not, with "Promise.withResolvers is not a function".)
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";

type Json = Record<string, unknown>;
type Answer = { status: number; body: unknown };
export type StandInRequest = {
  method: string;
  path: string;
  /** The form-encoded parameters of a POST, as the SDK sends them (`metadata[claimId]`, …). */
  form: URLSearchParams;
  /** What it asked to expand: the SDK sends `expand[0]=…` (Stripe reads `expand[]` the same way). */
  expand: string[];
  key: string | undefined;
  auth: string | undefined;
};

export type StripeStandIn = {
  /** Every request received, in order. */
  seen: StandInRequest[];
  /** The requests it carried out (not replayed by their key, not refused before): what Stripe did. */
  done: StandInRequest[];
  /** The PaymentIntents it created, by id, as GET answers them unexpanded. */
  intents: Map<string, Json>;
  /** The refunds it made, by id. */
  refunds: Map<string, Json>;
  /** Answers the next `n` requests 503 with `Stripe-Should-Retry` (the SDK resends, same key). */
  failNext(n: number): void;
  /** What Stripe does when a card pays: the intent succeeds, its charge carries the card's last four. */
  succeed(paymentId: string, last4?: string): Json;
  /** A card confirmed on a manual-capture intent: authorised (`requires_capture`), its charge uncaptured. */
  authorise(paymentId: string, last4?: string): Json;
  /** A declined card: the intent waits for another, with the decline as its last error. */
  decline(paymentId: string, declineCode?: string): Json;
  /** Where the SDK reaches it: `stripeProvider({ secretKey, ...standIn.address() })`. */
  address(): { host: string; port: number; protocol: "http" };
};

/** How long a request with an Idempotency-Key is served for. */
const KEYED_MS = 20;

const stripeError = (status: number, type: string, message: string, code?: string, more?: Json): Answer => ({
  status,
  body: { error: { type, message, ...(code ? { code } : {}), ...more } },
});

/** Stripe's refusal of a capture or cancel the intent's status does not allow; the error carries it. */
const unexpectedState = (pi: Json, message: string) =>
  stripeError(400, "invalid_request_error", message, "payment_intent_unexpected_state", {
    payment_intent: structuredClone(pi),
  });

const cancelable = [
  "requires_payment_method",
  "requires_capture",
  "requires_confirmation",
  "requires_action",
  "processing",
];

/** Starts the stand-in before the file's tests and closes it after them. */
export function stripeStandIn(): StripeStandIn {
  const seen: StandInRequest[] = [];
  const done: StandInRequest[] = [];
  const intents = new Map<string, Json>();
  const charges = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const byKey = new Map<string, { body: string; answer: Answer }>();
  const inFlight = new Set<string>();
  let failing = 0;
  let server: Server | undefined;

  const intent = (id: string) => {
    const found = intents.get(id);
    if (!found) throw new Error(`the stand-in has no PaymentIntent ${id}`);
    return found;
  };

  function route({ method, path, form, expand }: StandInRequest): Answer {
    if (method === "POST" && path === "/v1/payment_intents") {
      const id = `pi_stand_${intents.size + 1}`;
      const created = {
        id,
        object: "payment_intent",
        amount: Number(form.get("amount")),
        amount_capturable: 0,
        amount_received: 0,
        // Stripe's default for new integrations; the provider sends "manual" for an authorisation.
        capture_method: form.get("capture_method") ?? "automatic_async",
        canceled_at: null,
        cancellation_reason: null,
        currency: form.get("currency"),
        status: "requires_payment_method",
        client_secret: `${id}_secret_stand`,
        metadata: { claimId: form.get("metadata[claimId]") },
        last_payment_error: null,
        latest_charge: null,
      };
      intents.set(id, created);
      return { status: 200, body: created };
    }
    const one = /^\/v1\/payment_intents\/([\w-]+)$/.exec(path);
    if (method === "GET" && one) {
      const found = intents.get(one[1]!);
      if (!found)
        return stripeError(404, "invalid_request_error", "No such payment_intent", "resource_missing");
      const charge = typeof found.latest_charge === "string" ? charges.get(found.latest_charge) : undefined;
      const expanded = expand.includes("latest_charge") && charge;
      return { status: 200, body: expanded ? { ...found, latest_charge: charge } : found };
    }
    const act = /^\/v1\/payment_intents\/([\w-]+)\/(capture|cancel)$/.exec(path);
    if (method === "POST" && act) {
      const pi = intents.get(act[1]!);
      if (!pi) return stripeError(404, "invalid_request_error", "No such payment_intent", "resource_missing");
      const charge = typeof pi.latest_charge === "string" ? charges.get(pi.latest_charge) : undefined;
      if (act[2] === "capture") {
        if (pi.status !== "requires_capture")
          return unexpectedState(
            pi,
            `This PaymentIntent could not be captured because it has a status of ${String(pi.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
          );
        Object.assign(charge!, { captured: true, amount_captured: pi.amount });
        Object.assign(pi, { status: "succeeded", amount_capturable: 0, amount_received: pi.amount });
        return { status: 200, body: structuredClone(pi) };
      }
      if (!cancelable.includes(pi.status as string))
        return unexpectedState(
          pi,
          `You cannot cancel this PaymentIntent because it has a status of ${String(pi.status)}. Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(", ")}.`,
        );
      // Canceling an authorisation gives the held amount back to the card.
      if (charge) Object.assign(charge, { refunded: true, amount_refunded: pi.amount });
      Object.assign(pi, {
        status: "canceled",
        amount_capturable: 0,
        canceled_at: Math.floor(Date.now() / 1000),
      });
      return { status: 200, body: structuredClone(pi) };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const pi = intents.get(form.get("payment_intent") ?? "");
      if (!pi) return stripeError(404, "invalid_request_error", "No such payment_intent", "resource_missing");
      if (pi.status !== "succeeded")
        return stripeError(400, "invalid_request_error", "This PaymentIntent has no successful charge.");
      const charge = charges.get(pi.latest_charge as string)!;
      if (charge.refunded)
        return stripeError(400, "invalid_request_error", "Already refunded.", "charge_already_refunded");
      charge.refunded = true;
      const refund = {
        id: `re_stand_${refunds.size + 1}`,
        object: "refund",
        amount: pi.amount,
        currency: pi.currency,
        payment_intent: pi.id,
        charge: charge.id,
        status: "succeeded",
        metadata: { claimId: form.get("metadata[claimId]") },
      };
      refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    return stripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path})`);
  }

  /** Stripe's rules around the routes: a 503 when told to, then the Idempotency-Key's. */
  async function serve(request: StandInRequest, body: string): Promise<Answer & { replayed?: true }> {
    if (failing > 0) {
      failing--;
      return stripeError(503, "api_error", "Try again.");
    }
    if (!request.key) {
      done.push(request);
      return route(request);
    }
    // A key is the account's, whatever the request: reused on another request, it is refused.
    const slot = request.key;
    const sent = `${request.method} ${request.path} ${body}`;
    const known = byKey.get(slot);
    if (known)
      return known.body === sent
        ? { ...known.answer, replayed: true }
        : stripeError(400, "idempotency_error", "Keys are for one request and one set of parameters.");
    if (inFlight.has(slot))
      return stripeError(409, "idempotency_error", "Its first request is running.", "idempotency_key_in_use");
    // A keyed request takes a moment, so concurrent ones with its key meet it in flight.
    inFlight.add(slot);
    await new Promise((resolve) => setTimeout(resolve, KEYED_MS));
    done.push(request);
    const answer = route(request);
    byKey.set(slot, { body: sent, answer });
    inFlight.delete(slot);
    return answer;
  }

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const url = new URL(req.url ?? "/", "http://stand-in");
      const request: StandInRequest = {
        method: req.method!,
        path: url.pathname,
        form: new URLSearchParams(body),
        expand: [...url.searchParams].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v),
        key: req.headers["idempotency-key"] as string | undefined,
        auth: req.headers.authorization,
      };
      seen.push(request);
      const answer = await serve(request, body);
      res.writeHead(answer.status, {
        "content-type": "application/json",
        "request-id": `req_stand_${seen.length}`,
        ...(answer.status === 503 ? { "stripe-should-retry": "true" } : {}),
        ...(answer.replayed ? { "idempotent-replayed": "true" } : {}),
      });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  return {
    seen,
    done,
    intents,
    refunds,
    failNext(n) {
      failing = n;
    },
    succeed(paymentId, last4 = "4242") {
      const pi = intent(paymentId);
      const id = `ch_stand_${charges.size + 1}`;
      charges.set(id, {
        id,
        object: "charge",
        amount: pi.amount,
        currency: pi.currency,
        payment_intent: paymentId,
        status: "succeeded",
        paid: true,
        captured: true,
        amount_captured: pi.amount,
        refunded: false,
        payment_method_details: { type: "card", card: { brand: "visa", last4 } },
      });
      Object.assign(pi, {
        status: "succeeded",
        amount_received: pi.amount,
        latest_charge: id,
        last_payment_error: null,
      });
      return structuredClone(pi);
    },
    authorise(paymentId, last4 = "4242") {
      const pi = intent(paymentId);
      if (pi.capture_method !== "manual") throw new Error(`${paymentId} is not a manual-capture intent`);
      const id = `ch_stand_${charges.size + 1}`;
      charges.set(id, {
        id,
        object: "charge",
        amount: pi.amount,
        amount_captured: 0,
        currency: pi.currency,
        payment_intent: paymentId,
        status: "succeeded",
        paid: true,
        captured: false,
        refunded: false,
        payment_method_details: { type: "card", card: { brand: "visa", last4 } },
      });
      Object.assign(pi, {
        status: "requires_capture",
        amount_capturable: pi.amount,
        latest_charge: id,
        last_payment_error: null,
      });
      return structuredClone(pi);
    },
    decline(paymentId, declineCode = "generic_decline") {
      const pi = intent(paymentId);
      Object.assign(pi, {
        status: "requires_payment_method",
        last_payment_error: {
          type: "card_error",
          code: "card_declined",
          decline_code: declineCode,
          message: "Your card was declined.",
        },
      });
      return structuredClone(pi);
    },
    address() {
      if (!server) throw new Error("the stand-in starts in beforeAll");
      return { host: "127.0.0.1", port: (server.address() as AddressInfo).port, protocol: "http" };
    },
  };
}

let sequence = 0;
/** A Stripe event around `object`, as the JSON Stripe posts, signed with the endpoint's secret. */
export function stripeEvent(
  type: string,
  object: unknown,
  {
    id = `evt_stand_${process.pid}_${++sequence}`,
    secret = process.env.STRIPE_WEBHOOK_SECRET!,
  }: { id?: string; secret?: string } = {},
): { id: string; payload: string; signature: string } {
  const payload = JSON.stringify({
    id,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  return { id, payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}
