// `npm run stripe:smoke`: one first-come purchase, paid through Stripe's test mode, against a running
// app (PAYMENTS=stripe, the same test key). Through the public and admin APIs, as a shopper would:
// a drop, a shopper, a claim, the checkout; then the PaymentIntent confirmed with Stripe's test card
// on the server side (the browser's part, without a browser), and the order waited for: written by
// the webhook, or by the reconciler in the cron run this script calls. Exit 0 when the order exists
// (or when skipped: no test key), 1 when a step fails, 2 on a usage error.
import { parseArgs } from "node:util";
import Stripe from "stripe";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { createHttpClient, errorCode, sleep, type HttpClient, type HttpResult } from "./race/http-pool";
import { createProgress } from "./race/progress";
import { checkHealth, createRaceDrop, mintShoppers } from "./race/setup";

const usage = `Usage: npm run stripe:smoke -- [--url <url>]

Buys one unit of a new rehearsal drop on a running app and pays for it in Stripe's test mode.
The app runs with PAYMENTS=stripe and the same keys. Env: STRIPE_SECRET_KEY (sk_test_… only),
ADMIN_TOKEN (the app's), CRON_SECRET (the app's; without it the webhook alone must write the order).

  --url <url>   the app (default http://127.0.0.1:3000)
  --help        this text`;

const ORDER_WAIT_MS = 60_000;

/** The confirm answer with payments on (the checkout's contract). */
type Checkout = {
  claim: Claim;
  orderUrl: string;
  payment?: { provider: string; paymentId: string; clientSecret: string; status: string };
};

class StepFailed extends Error {}

function expectStatus(what: string, r: HttpResult, status: number): void {
  if (r.status === status) return;
  const why = r.status === 0 ? r.error : `HTTP ${r.status} ${errorCode(r.body) ?? JSON.stringify(r.body)}`;
  throw new StepFailed(`${what}: ${why}`);
}

/** The claim as its shopper sees it, after one cron run (the reconciler asks Stripe) if we may run it. */
async function claimAfterSweep(http: HttpClient, claimId: string, shopper: Shopper): Promise<Claim> {
  const cronSecret = process.env.CRON_SECRET;
  if (cronSecret)
    expectStatus(
      "POST /api/cron/release-expired",
      await http.request("POST", "/api/cron/release-expired", { token: cronSecret }),
      200,
    );
  const r = await http.request("GET", `/api/claims/${claimId}`, { token: shopper.token });
  expectStatus(`GET /api/claims/${claimId}`, r, 200);
  return (r.body as { claim: Claim }).claim;
}

async function smoke(url: string, secretKey: string, adminToken: string): Promise<void> {
  const http = createHttpClient({ url, sockets: 2 });
  try {
    await checkHealth(http);
    const drop = await createRaceDrop(http, {
      adminToken,
      stock: 1,
      maxPerShopper: 1,
      startsAt: Date.now() - 1000,
      priceCents: 1999, // above Stripe's smallest charge
      name: `Stripe smoke ${new Date().toISOString()}`,
      description: "Created by npm run stripe:smoke.",
    });
    const [shopper] = await mintShoppers(http, 1, 1, createProgress(process.stderr, true), adminToken);
    if (!shopper) throw new StepFailed("POST /api/shoppers answered no shopper");

    const claimed = await http.request("POST", `/api/drops/${drop.id}/claims`, {
      token: shopper.token,
      json: {},
    });
    expectStatus(`POST /api/drops/${drop.id}/claims`, claimed, 201);
    const claimId = (claimed.body as { claim: Claim }).claim.id;
    console.log(`Drop ${drop.id}: claimed ${claimId}.`);

    const buyer = {
      name: "Stripe Smoke",
      email: `smoke+${claimId}@example.com`,
      shippingAddress: "1 Test St",
    };
    const confirmed = await http.request("POST", `/api/claims/${claimId}/confirm`, {
      token: shopper.token,
      json: buyer,
    });
    expectStatus(`POST /api/claims/${claimId}/confirm`, confirmed, 200);
    const { payment } = confirmed.body as Checkout;
    if (payment?.provider !== "stripe")
      throw new StepFailed(
        `checkout answered no Stripe payment (${JSON.stringify(payment)}): is PAYMENTS=stripe?`,
      );
    console.log(`PaymentIntent ${payment.paymentId}: ${payment.status}.`);

    // What the Payment Element does in the browser, done here with Stripe's test card.
    const stripe = new Stripe(secretKey, { maxNetworkRetries: 2 });
    const intent = await stripe.paymentIntents.confirm(payment.paymentId, {
      payment_method: "pm_card_visa",
      return_url: `${url}/orders`,
    });
    if (intent.status !== "succeeded")
      throw new StepFailed(
        `PaymentIntent ${intent.id} is ${intent.status} after pm_card_visa, not succeeded`,
      );
    console.log(`Paid with pm_card_visa: ${intent.status}. Waiting for the order…`);

    const giveUpAt = Date.now() + ORDER_WAIT_MS;
    for (;;) {
      const claim = await claimAfterSweep(http, claimId, shopper);
      if (claim.status === "confirmed") {
        console.log(`PASS: order ${claim.orderNumber ?? "(no number)"} paid by ${intent.id}.`);
        return;
      }
      if (claim.status !== "held") throw new StepFailed(`the paid hold ended ${claim.status}, not confirmed`);
      if (Date.now() > giveUpAt)
        throw new StepFailed(`no order ${ORDER_WAIT_MS / 1000} s after payment: the hold is still held`);
      await sleep(2000);
    }
  } finally {
    http.close();
  }
}

let url = "http://127.0.0.1:3000";
try {
  const { values } = parseArgs({
    strict: true,
    options: { url: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  url = (values.url ?? url).replace(/\/$/, "");
} catch (err) {
  console.error(`${(err as Error).message}\n\n${usage}`);
  process.exit(2);
}

// Test mode only: a live key would charge a real card.
const secretKey = process.env.STRIPE_SECRET_KEY;
if (!secretKey?.startsWith("sk_test_")) {
  const why = secretKey ? "STRIPE_SECRET_KEY is not a test key (sk_test_…)" : "STRIPE_SECRET_KEY is not set";
  console.log(`Stripe smoke skipped: ${why}. It runs in Stripe's test mode only.`);
  process.exit(0);
}
const adminToken = process.env.ADMIN_TOKEN;
if (!adminToken) {
  console.error(`ADMIN_TOKEN is not set: the app's admin token creates the drop.\n\n${usage}`);
  process.exit(2);
}
if (!process.env.CRON_SECRET)
  console.log("CRON_SECRET is not set: no reconciler run; the webhook alone must write the order.");

try {
  await smoke(url, secretKey, adminToken);
} catch (err) {
  console.error(`Stripe smoke FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
