// Shared by the payments integration tests: a real hold to pay for, checkout through its route, the
// shopper's claim and mails, and the webhook route called in-process the way a provider delivers (the
// exact bytes, the Stripe-Signature header).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { GET as claimRoute } from "@/app/api/claims/[claimId]/route";
import { POST as webhookRoute } from "@/app/api/webhooks/payments/route";
import type { Deliver } from "@/lib/payments/local";
import { signPayload } from "@/lib/payments/signing";
import type { ClaimPayment, Shopper } from "@/lib/schemas/claim";
import { call, claimWithKey, createDrop, mintShopper, scanTable, type Called } from "./helpers";

/** A live hold on a drop of its own: what a payment is for. */
export async function newHold(priceCents = 1999): Promise<{ claimId: string; priceCents: number }> {
  const drop = await createDrop({ totalStock: 1, priceCents });
  const shopper = await mintShopper();
  const { status, claimId } = await claimWithKey(drop.id, shopper, `pay-${drop.id}`);
  if (status !== 201 || !claimId) throw new Error(`the claim answered ${status}`);
  return { claimId, priceCents };
}

/** The checkout details of a shopper, by a tag of the hold (its email is the hold's own). */
export const buyer = (tag: string) => ({
  name: "Ada Buyer",
  email: `ada-${tag}@example.com`,
  shippingAddress: "1 Drop Street\nSpringfield",
});

/** A live hold of a drop of 2 units at $25 unless said, and a tag for its buyer. */
export async function holdOn(input: { priceCents?: number; holdSeconds?: number } = {}) {
  const drop = await createDrop({ totalStock: 2, priceCents: 2500, ...input });
  const shopper = await mintShopper();
  const { claimId } = await claimWithKey(drop.id, shopper, `pc-${drop.id}`);
  return { drop, shopper, claimId: claimId!, tag: claimId!.slice(0, 10).toLowerCase() };
}

/** POST /api/claims/{claimId}/confirm with the buyer of `tag`: with payments on, the hold's payment. */
export async function checkout(claimId: string, shopper: Shopper, tag: string) {
  const res = await call(confirmRoute, { params: { claimId }, token: shopper.token, json: buyer(tag) });
  return { res, payment: res.body.payment as ClaimPayment };
}

/** The claim as its shopper reads it (GET /api/claims/{claimId}). */
export const claimOf = async (claimId: string, shopper: Shopper) =>
  (await call(claimRoute, { params: { claimId }, token: shopper.token })).body.claim!;

/** The confirmation mails in the outbox to `email`. */
export const mailsTo = async (email: string) =>
  (await readdir(process.env.MAIL_OUTBOX_DIR as string).catch(() => [] as string[])).filter((n) =>
    n.includes(email),
  );

/** The texts of those mails. */
export const mailTexts = async (email: string) =>
  Promise.all(
    (await mailsTo(email)).map((n) => readFile(join(process.env.MAIL_OUTBOX_DIR as string, n), "utf8")),
  );

/** POST /api/webhooks/payments with `payload` as the body and `signature` as Stripe-Signature. */
export function postEvent(payload: string, signature: string | undefined): Promise<Called> {
  return call(webhookRoute, {
    path: "/api/webhooks/payments",
    method: "POST",
    body: payload,
    headers: {
      "content-type": "application/json",
      ...(signature === undefined ? {} : { "stripe-signature": signature }),
    },
  });
}

/** The local provider's delivery into the route, in-process; every answer kept for the test. */
export function inProcessDelivery(): { deliver: Deliver; answers: Called[] } {
  const answers: Called[] = [];
  const deliver: Deliver = async (payload, signature) => {
    const res = await postEvent(payload, signature);
    answers.push(res);
    if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
  };
  return { deliver, answers };
}

let sequence = 0;
/** A Stripe-shaped event, as the JSON string a provider sends, and its signed header. */
export function signedEvent(
  type: string,
  object: Record<string, unknown>,
  { id = `evt_test_${process.pid}_${++sequence}`, secret }: { id?: string; secret?: string } = {},
): { id: string; payload: string; signature: string } {
  const payload = JSON.stringify({ id, object: "event", type, created: 1, data: { object } });
  return { id, payload, signature: signPayload(payload, secret) };
}

/** A PaymentIntent object for a hold, as the webhook reads it. */
export const intentFor = (claimId: string, paymentId: string, extra: Record<string, unknown> = {}) => ({
  id: paymentId,
  object: "payment_intent",
  amount: 1999,
  currency: "usd",
  metadata: { claimId },
  ...extra,
});

/**
 * The table as a webhook could change it, for before/after comparisons: without the claim attempt
 * counters (`ATTEMPTS#`, lib/attempts/counts.ts), which a claim queues in memory and a timer writes
 * within the second, whatever the test does meanwhile.
 */
export const tableButCounters = async () =>
  (await scanTable()).filter((i) => !String(i.pk).startsWith("ATTEMPTS#"));

/** The payments items of the table: `PAY#` and `PAYEVENT#`. */
export async function paymentItems(): Promise<{
  payments: Record<string, unknown>[];
  events: Record<string, unknown>[];
}> {
  const items = await scanTable();
  return {
    payments: items.filter((i) => String(i.pk).startsWith("PAY#")),
    events: items.filter((i) => String(i.pk).startsWith("PAYEVENT#")),
  };
}
