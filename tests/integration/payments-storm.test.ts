// The ledger after a paid race and a paid storm (issue 24), with the local provider through the real
// routes. 200 shoppers and 60 double clicks race for 20 units through the claim route; every winner
// checks out (the confirm sent twice at once) and pays with 4242 (the card step sent twice at once),
// the provider's events delivered to the webhook route in-process. Then exactly 20 paid orders, one
// payment and one mail each, and the audit's ledger holds: captured = 20 × the price = the paid
// orders' totals. The storm runs the same through the fault proxy: the claims under the claim storm of
// fault-storm.test.ts, the checkouts and payments with the payment's, the provider's, the event's and
// the order's writes losing answers, throttled and failing; the clients retry, the stranded units are
// returned by the audit and sold again, and the reconciler asks the provider about whatever it never
// heard of. The ledger holds at the end all the same.
import { expect, it } from "vitest";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as cardRoute } from "@/app/api/payments/local/confirm/route";
import { auditDrop } from "@/lib/claim/audit";
import { reconcilePayments } from "@/lib/claim/paid";
import { providePayments } from "@/lib/payments/hold-payment";
import { localProvider } from "@/lib/payments/local";
import type { Claim, ClaimPayment, Shopper } from "@/lib/schemas/claim";
import { sleep } from "../../scripts/race/http-pool";
import { clickIntent } from "../../scripts/faults/intent";
import type { FaultRule } from "../../scripts/faults/proxy";
import { stormRules } from "../../scripts/faults/storm";
import { withFaultProxy } from "./faults";
import {
  call,
  claimWithKey,
  createDrop,
  dropState,
  mintShoppers,
  ownTable,
  storedClaims,
  tally,
  type Called,
} from "./helpers";
import { inProcessDelivery, mailsTo, paymentItems } from "./payments-helpers";

ownTable("droprush-payments-storm");
process.env.PAYMENTS = "local"; // read once per process by lib/env.ts
const proxy = await withFaultProxy();
const delivery = inProcessDelivery();
providePayments(localProvider({ deliver: delivery.deliver }));

const UNITS = 20;
const SHOPPERS = 200;
const DUPS = 60;
const PRICE = 2500;

/**
 * The storm of the payments' own writes, before the claims' (the first rule that fires wins): the
 * payment's record and moves (`PAY#`), the card step's move at the provider (`LOCALPI#`: its answer
 * lost, the event is never sent and only the reconciler learns of it), the event's record, and the
 * order's writes (its number, its email, the hold's lease and confirm on `CLAIM#`).
 */
const paidStormRules: FaultRule[] = [
  { kind: "lose-response", ops: ["PutItem", "UpdateItem"], key: "PAY#", probability: 0.1 },
  { kind: "throttle", ops: ["UpdateItem"], key: "PAY#", probability: 0.1 },
  { kind: "lose-response", ops: ["UpdateItem"], key: "LOCALPI#", probability: 0.15 },
  { kind: "internal", ops: ["PutItem"], key: "PAYEVENT#", probability: 0.1 },
  { kind: "lose-response", ops: ["PutItem"], key: "ORDERNO#", probability: 0.1 },
  { kind: "lose-response", ops: ["PutItem", "UpdateItem"], key: "ORDEREMAIL#", probability: 0.1 },
  { kind: "lose-response", ops: ["UpdateItem"], key: "CLAIM#", probability: 0.05 },
  { kind: "throttle", ops: ["UpdateItem"], key: "CLAIM#", probability: 0.05 },
  { kind: "internal", ops: ["UpdateItem"], key: "CLAIM#", probability: 0.05 },
  ...stormRules,
];

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const noAnswer: Called = { status: 0, body: {}, headers: new Headers() };
/**
 * A client that survives a failing server: sent again after a 5xx, no answer, or a checkout of the
 * same hold under way (409 IN_PROGRESS: its own double click), with backoff; the last answer.
 */
async function untilAnswered(send: () => Promise<Called>, tries = 8): Promise<Called> {
  let last = noAnswer;
  for (let attempt = 0; attempt < tries; attempt++) {
    last = await send().catch(() => noAnswer);
    const again = last.status === 0 || last.status >= 500 || last.body.error?.code === "IN_PROGRESS";
    if (!again) return last;
    await sleep(10 * 2 ** attempt * Math.random());
  }
  return last;
}

/** Each claim's buyer: an email of its own (one order per email and drop). */
const buyerOf = (claimId: string) => ({
  name: "Ada Buyer",
  email: `paid-${claimId.toLowerCase()}@example.com`,
  shippingAddress: "1 Drop Street\nSpringfield",
});

/**
 * A winner's checkout and card step, each sent twice at once (a double click), each retried: the
 * card step's answers, or why it never got that far.
 */
async function pay(claim: Claim, shopper: Shopper): Promise<string[]> {
  const checkout = () =>
    untilAnswered(() =>
      call(confirmRoute, { params: { claimId: claim.id }, token: shopper.token, json: buyerOf(claim.id) }),
    );
  const checkouts = await Promise.all([checkout(), checkout()]);
  const payment = checkouts.find((c) => c.status === 200 && c.body.payment)?.body.payment as
    ClaimPayment | undefined;
  if (!payment) return checkouts.map((c) => `checkout ${c.status} ${c.body.error?.code ?? ""}`);
  const card = () =>
    untilAnswered(() =>
      call(cardRoute, {
        json: {
          paymentId: payment.paymentId,
          clientSecret: payment.clientSecret,
          cardNumber: "4242424242424242",
        },
      }),
    );
  const cards = await Promise.all([card(), card()]);
  return cards.map((c) => `card ${c.status} ${(c.body.payment as { status?: string })?.status ?? ""}`);
}

/** The claims of `shoppers` (and `DUPS` of them again) through the claim route, each retried on its key. */
const claimAll = (dropId: string, shoppers: Shopper[], round: string) =>
  Promise.all(
    shuffle([...shoppers, ...shoppers.slice(0, DUPS)]).map((s) => {
      const key = `${round}-${s.shopperId}`;
      return clickIntent({
        shopperId: s.shopperId,
        key,
        send: () => claimWithKey(dropId, s, key),
        backoffMs: 10,
      });
    }),
  );

it.each([
  { storm: false, name: "a paid race" },
  { storm: true, name: "a paid storm" },
])(
  `$name: ${SHOPPERS} shoppers + ${DUPS} double clicks for ${UNITS} units, every winner pays with 4242: ${UNITS} paid orders and the ledger holds`,
  async ({ storm }) => {
    const started = Date.now();
    const drop = await createDrop({ totalStock: UNITS, maxPerShopper: 1, priceCents: PRICE });
    const shoppers = await mintShoppers(SHOPPERS);
    const byId = new Map(shoppers.map((s) => [s.shopperId, s]));

    // The race for the units.
    if (storm) proxy.setRules(paidStormRules);
    const first = await claimAll(drop.id, shoppers, "first");
    proxy.setRules([]);
    let healed = 0;
    let secondWon = 0;
    if (storm) {
      // A claim that died between the stock write and its own strands a unit: the audit returns it
      // once no writer can be in flight, and the shoppers told "sold out" buy it.
      healed = (await auditDrop({ dropId: drop.id, now: Date.now() + 61_000, by: "sweeper" })).returned;
      const holders = new Set((await storedClaims(drop.id)).map((c) => c.shopperId));
      const second = await claimAll(
        drop.id,
        shoppers.filter((s) => !holders.has(s.shopperId)),
        "second",
      );
      secondWon = second.filter((o) => o.outcome === "won").length;
    }
    const held = (await storedClaims(drop.id)).filter((c) => c.status === "held");
    expect(held).toHaveLength(UNITS);
    expect(new Set(held.map((c) => c.shopperId)).size).toBe(UNITS);
    expect((await dropState(drop.id))!.remainingStock).toBe(0);

    // Every winner checks out and pays, at once.
    proxy.resetStats();
    if (storm) proxy.setRules(paidStormRules);
    const paying = await Promise.all(held.map((c) => pay(c, byId.get(c.shopperId)!)));
    const injected = proxy.stats().injected;
    proxy.setRules([]);
    let late: string[][] = [];
    let reconciled: number[] = [];
    if (storm) {
      // After the storm: a winner whose client gave up sends its checkout and card again (each safe to
      // repeat), and the sweeper's reconciler, twice at once, asks the provider about every payment
      // it has not heard of for 10 s.
      const unpaid = (await storedClaims(drop.id)).filter((c) => c.status === "held");
      late = await Promise.all(unpaid.map((c) => pay(c, byId.get(c.shopperId)!)));
      const now = Date.now() + 11_000;
      reconciled = await Promise.all([
        reconcilePayments({ dropId: drop.id, now }),
        reconcilePayments({ dropId: drop.id, now }),
      ]);
    }

    const claims = await storedClaims(drop.id);
    const ids = new Set(claims.map((c) => c.id));
    const { payments } = await paymentItems();
    const ours = payments.filter((p) => ids.has(p.claimId as string));
    const mails = await Promise.all(claims.map(async (c) => (await mailsTo(buyerOf(c.id).email)).length));
    const report = await auditDrop({ dropId: drop.id, now: Date.now() + 61_000 });
    console.log(
      `${storm ? "paid storm" : "paid race"}: first wave ${JSON.stringify(tally(first.map((o) => o.outcome)))}; ` +
        (storm ? `stranded units returned ${healed}, sold again ${secondWon}; ` : "") +
        `card steps ${JSON.stringify(tally(paying.flat()))}; injected while paying ${JSON.stringify(injected)}; ` +
        (storm ? `paid again after the storm ${late.length}, reconciled ${reconciled.join("/")}; ` : "") +
        `webhook answers ${JSON.stringify(tally(delivery.answers.splice(0).map((a) => a.status)))}; ` +
        `ledger ${JSON.stringify(report.ledger)} holds ${report.ledgerHolds}; ${Date.now() - started} ms`,
    );

    // Exactly the units sold, each an order paid once: one payment (succeeded), one number, one mail
    // (at most one in the storm).
    expect(claims.map((c) => c.status)).toEqual(Array(UNITS).fill("confirmed"));
    expect(new Set(claims.map((c) => c.shopperId)).size).toBe(UNITS);
    expect(new Set(claims.map((c) => c.orderNumber)).size).toBe(UNITS);
    for (const c of claims)
      expect(c.order).toMatchObject({ totalCents: PRICE, payment: { provider: "local" } });
    expect(ours).toHaveLength(UNITS);
    expect(tally(ours.map((p) => p.status as string))).toEqual({ succeeded: UNITS });
    // The mail is best effort (lib/claim/confirmation-mail.ts): sent once by whoever wrote the order.
    // In the storm that writer may fail after its write landed (its answer lost past the SDK's
    // retries), and the resend finds the order written: never a second mail, possibly none.
    if (storm) expect(mails.filter((n) => n > 1)).toEqual([]);
    else expect(mails).toEqual(Array(UNITS).fill(1));
    // The audit: stock and money. Captured = 20 × the price = the paid orders' totals.
    const usd = [{ currency: "USD", minor: UNITS * PRICE }];
    expect(report).toMatchObject({ unaccounted: 0, oversold: 0, confirmed: UNITS, held: 0 });
    expect(report.ledger).toMatchObject({
      paymentsOn: true,
      captured: usd,
      refunded: [],
      paidOrders: usd,
      unsettled: 0,
      unpaidOrders: 0,
    });
    expect(report.ledgerHolds).toBe(true);
    // The storm did hit the payments: answers lost, throttled or failed while the winners paid.
    if (storm) expect(injected["lose-response"] + injected.throttle + injected.internal).toBeGreaterThan(5);
  },
);
