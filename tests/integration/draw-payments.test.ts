// Draws that pay at entry (issue 24), with the local provider through the real routes: entering
// authorises the price (manual capture) and takes the shopper's details; the entry is written once
// the card is authorised, however the app learns it (the webhook, the shopper's poll asking the
// provider, the sweeper); at the draw, winners' authorisations are captured into orders with no
// checkout step and everybody else's are released; a winner whose authorisation can no longer be
// captured checks out with a new payment. The drop's ledger holds after each.
import { afterEach, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/admin/drops/route";
import { PATCH as editRoute } from "@/app/api/admin/drops/[id]/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as authenticateRoute } from "@/app/api/payments/local/authenticate/route";
import { POST as cardRoute } from "@/app/api/payments/local/confirm/route";
import { POST as enterRoute } from "@/app/api/drops/[id]/entries/route";
import { GET as myEntryRoute } from "@/app/api/drops/[id]/entries/me/route";
import { auditDrop } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { reconcilePayments } from "@/lib/claim/paid";
import { getClaimItem } from "@/lib/claim/reads";
import { ONE_ATTEMPT_DEAD_MS } from "@/lib/db/connect";
import { drawClaimId } from "@/lib/entries/claim-id";
import { fillOffers } from "@/lib/entries/offers";
import { enter } from "@/lib/entries/entries";
import { release, sweepEntryAuths } from "@/lib/entries/paid-entry";
import { releaseLosers } from "@/lib/entries/release-losers";
import { runDraw } from "@/lib/entries/run-draw";
import { localProvider, type Deliver } from "@/lib/payments/local";
import { providePayments } from "@/lib/payments/hold-payment";
import { getPayment } from "@/lib/payments/payments";
import type { ClaimPayment, Shopper } from "@/lib/schemas/claim";
import { getDropState } from "@/lib/stock/reads";
import { table } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { adminToken, call, createDrop, mintShoppers, ownTable } from "./helpers";
import { buyer, postEvent } from "./payments-helpers";

ownTable("droprush-draw-payments");
process.env.PAYMENTS = "local"; // read once per process by lib/env.ts

/** The provider's deliveries: into the webhook route, unless a test loses them. */
let lose = false;
const deliver: Deliver = async (payload, signature) => {
  if (lose) return;
  const answer = await postEvent(payload, signature);
  if (answer.status !== 200) throw new Error(`the webhook answered ${answer.status}`);
};
const provider = localProvider({ deliver });
providePayments(provider);
afterEach(() => {
  lose = false;
  delete faults.beforePaidOrder;
  providePayments(provider);
});

const PRICE = 3000;

/** A paid draw drop (no proof of work) open for `openMs` more, with `units` units. */
const paidDraw = (openMs: number, units = 2) =>
  createDrop({
    mode: "draw",
    totalStock: units,
    priceCents: PRICE,
    holdSeconds: 60,
    botDefence: "off",
    endsAt: new Date(Date.now() + openMs).toISOString(),
  });

const enterAs = (dropId: string, s: Shopper, tag?: string) =>
  call(enterRoute, { params: { id: dropId }, token: s.token, ...(tag ? { json: buyer(tag) } : {}) });
const mine = async (dropId: string, s: Shopper) =>
  call(myEntryRoute, { params: { id: dropId }, token: s.token });
const entryIdOf = async (dropId: string, s: Shopper) =>
  ((await mine(dropId, s)).body.entry as { id: string }).id;
const card = (p: ClaimPayment, cardNumber: string) =>
  call(cardRoute, { json: { paymentId: p.paymentId, clientSecret: p.clientSecret, cardNumber } });

/** Enters `s` and authorises the price with `cardNumber`: the payment as entering answered it. */
async function enterPaid(dropId: string, s: Shopper, tag: string, cardNumber = "4242424242424242") {
  const entering = await enterAs(dropId, s, tag);
  expect(entering.status).toBe(202);
  const payment = entering.body.payment as ClaimPayment;
  expect((await card(payment, cardNumber)).status).toBe(200);
  return payment;
}

const untilClosed = (endsAt: string) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(endsAt) - Date.now() + 50)));

/** The draw once no entry can land: drawn, its units offered, the rest released. */
async function draw(dropId: string, endsAt: string) {
  await untilClosed(endsAt);
  await runDraw(
    (await getDropState({ id: dropId, consistent: true }))!,
    Date.parse(endsAt) + ONE_ATTEMPT_DEAD_MS + 1,
  );
  await fillOffers(dropId, Date.now());
  await releaseLosers(dropId, Date.now());
}

/** The drop's ledger from the audit: captured − refunded = paid orders, in USD cents. */
async function ledgerOf(dropId: string, cents: { captured: number; paid: number }) {
  const usd = (minor: number) => (minor ? [{ currency: "USD", minor }] : []);
  const report = await auditDrop({ dropId, now: Date.now() + 61_000 });
  expect(report.ledger).toMatchObject({
    paymentsOn: true,
    captured: usd(cents.captured),
    paidOrders: usd(cents.paid),
  });
  return report.ledgerHolds;
}

describe("a draw that pays at entry", () => {
  it("authorises at entry; at the draw the winners are charged into orders and the others released", async () => {
    const drop = await paidDraw(6_000, 2);
    const shoppers = await mintShoppers(4);
    // Entering needs the details: the card is authorised for the order they make.
    const bare = await enterAs(drop.id, shoppers[0]!);
    expect(bare.status).toBe(400);
    expect(bare.body.error?.code).toBe("INVALID_REQUEST");

    const payments: ClaimPayment[] = [];
    for (const [i, s] of shoppers.entries()) payments.push(await enterPaid(drop.id, s, `dp${i}-${drop.id}`));
    for (const p of payments)
      expect(p).toMatchObject({ status: "created", amountMinor: PRICE, currency: "usd" });
    // Each entry is in once its card is authorised (the webhook wrote it), nothing charged yet.
    for (const s of shoppers) {
      const me = await mine(drop.id, s);
      expect(me.status).toBe(200);
      expect(me.body.payment).toMatchObject({ status: "authorised", amountMinor: PRICE });
    }
    // Entering again answers the same entry, and no second payment.
    const again = await enterAs(drop.id, shoppers[1]!, `dp1-${drop.id}`);
    expect(again.status).toBe(200);
    expect(again.body.entry).toEqual((await mine(drop.id, shoppers[1]!)).body.entry);

    await draw(drop.id, drop.endsAt);
    const results = await Promise.all(shoppers.map(async (s) => (await mine(drop.id, s)).body));
    const won = results.filter((r) => r.result === "won");
    expect(won).toHaveLength(2);
    for (const w of won) {
      // Charged and ordered at the draw: no checkout step.
      expect(w.claim).toMatchObject({ status: "confirmed" });
      expect(w.payment).toMatchObject({ status: "succeeded" });
      const claim = w.claim as { order: { totalCents: number; payment: { last4?: string } } };
      expect(claim.order.totalCents).toBe(PRICE);
      expect(claim.order.payment.last4).toBe("4242");
    }
    for (const r of results.filter((x) => x.result !== "won"))
      expect(r.payment).toMatchObject({ status: "released" });
    // At the provider too: two captured, two cancelled.
    const there = await Promise.all(payments.map((p) => provider.getPayment(p.paymentId)));
    expect(there.map((p) => p.status).sort()).toEqual(["canceled", "canceled", "succeeded", "succeeded"]);
    expect(await ledgerOf(drop.id, { captured: 2 * PRICE, paid: 2 * PRICE })).toBe(true);
  });

  it("a declined card, then an authentication step, end in one entry with one payment", async () => {
    const drop = await paidDraw(30_000);
    const [s] = await mintShoppers(1);
    const tag = `dd-${drop.id}`;
    const payment = await enterPaid(drop.id, s!, tag, "4000000000000002");
    expect((await mine(drop.id, s!)).body).toMatchObject({
      authorising: true,
      payment: { status: "failed" },
    });
    // Sent again (as the page does for another card): the same payment.
    const resent = await enterAs(drop.id, s!, tag);
    expect(resent.status).toBe(202);
    expect(resent.body.payment).toMatchObject({ paymentId: payment.paymentId });
    expect((await card(payment, "4000002500003155")).body.payment).toMatchObject({
      status: "requires_action",
    });
    expect((await mine(drop.id, s!)).body).toMatchObject({ authorising: true });
    const approved = await call(authenticateRoute, {
      json: { paymentId: payment.paymentId, clientSecret: payment.clientSecret, approve: true },
    });
    expect(approved.body.payment).toMatchObject({ status: "requires_capture" });
    const me = await mine(drop.id, s!);
    expect(me.status).toBe(200);
    expect(me.body.payment).toMatchObject({ paymentId: payment.paymentId, status: "authorised" });
  });

  it("a lost webhook: the entry is written from the shopper's poll or the sweeper, asking the provider", async () => {
    const drop = await paidDraw(30_000);
    const [a, b] = await mintShoppers(2);
    lose = true;
    await enterPaid(drop.id, a!, `dl-a-${drop.id}`);
    await enterPaid(drop.id, b!, `dl-b-${drop.id}`);
    expect((await mine(drop.id, a!)).body).toMatchObject({ authorising: true });
    // The provider is asked once the webhook is overdue (5 s): by the sweeper here.
    await sweepEntryAuths(drop.id, Date.now() + 6_000);
    for (const s of [a!, b!])
      expect((await mine(drop.id, s)).body.payment).toMatchObject({ status: "authorised" });
  });

  it("an authorisation that comes after the close is released, never entered", async () => {
    const drop = await paidDraw(2_500);
    const [s] = await mintShoppers(1);
    lose = true;
    const payment = await enterPaid(drop.id, s!, `dc-${drop.id}`);
    await untilClosed(drop.endsAt);
    await sweepEntryAuths(drop.id, Date.parse(drop.endsAt) + ONE_ATTEMPT_DEAD_MS + 6_000);
    const me = await mine(drop.id, s!);
    expect(me.status).toBe(404);
    expect(me.body.error?.message).toMatch(/nothing was charged/);
    expect((await provider.getPayment(payment.paymentId)).status).toBe("canceled");
  });

  it("a crash between the capture and the order: the reconciler writes the order, once", async () => {
    const drop = await paidDraw(3_000, 1);
    const [s] = await mintShoppers(1);
    await enterPaid(drop.id, s!, `dx-${drop.id}`);
    faults.beforePaidOrder = async () => {
      throw new Error("killed between the capture and the order");
    };
    await draw(drop.id, drop.endsAt);
    const claimId = drawClaimId(drop.id, await entryIdOf(drop.id, s!));
    expect(await getPayment({ claimId })).toMatchObject({ status: "succeeded" });
    expect((await getClaimItem({ id: claimId }))?.status).toBe("held");
    delete faults.beforePaidOrder;
    await Promise.all([
      reconcilePayments({ dropId: drop.id, now: Date.now() }),
      reconcilePayments({ dropId: drop.id, now: Date.now() }),
    ]);
    expect((await getClaimItem({ id: claimId }))?.status).toBe("confirmed");
    expect(await ledgerOf(drop.id, { captured: PRICE, paid: PRICE })).toBe(true);
  });

  it("a winner whose authorisation can no longer be captured checks out with a new payment", async () => {
    const drop = await paidDraw(3_000, 1);
    const [s] = await mintShoppers(1);
    const tag = `dr-${drop.id}`;
    const first = await enterPaid(drop.id, s!, tag);
    // The authorisation lapses at the bank (as after 7 days), unannounced.
    lose = true;
    await provider.cancel({
      paymentId: first.paymentId,
      claimId: drawClaimId(drop.id, await entryIdOf(drop.id, s!)),
    });
    lose = false;
    await draw(drop.id, drop.endsAt);
    const won = (await mine(drop.id, s!)).body;
    expect(won).toMatchObject({ result: "won", claim: { status: "held" }, payment: { status: "released" } });
    const claimId = (won.claim as { id: string }).id;
    const checkout = await call(confirmRoute, { params: { claimId }, token: s!.token, json: buyer(tag) });
    expect(checkout.status).toBe(200);
    const second = checkout.body.payment as ClaimPayment;
    expect(second.paymentId).not.toBe(first.paymentId);
    expect(second).toMatchObject({ status: "created", amountMinor: PRICE });
    await card(second, "4242424242424242");
    expect((await getClaimItem({ id: claimId }))?.status).toBe("confirmed");
    expect(await ledgerOf(drop.id, { captured: PRICE, paid: PRICE })).toBe(true);
  });

  it("takes entries for at most 5 days, so every authorisation is still chargeable at the draw", async () => {
    const startsAt = new Date(Date.now() + 60_000);
    const body = (days: number) => ({
      name: "Long draw",
      priceCents: PRICE,
      currency: "USD",
      totalStock: 1,
      mode: "draw",
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + days * 86_400_000).toISOString(),
    });
    const tooLong = await call(createRoute, {
      path: "/api/admin/drops",
      token: adminToken(),
      json: body(5.5),
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body.error)).toMatch(/at most 5 days/);
    const ok = await call(createRoute, { path: "/api/admin/drops", token: adminToken(), json: body(5) });
    expect(ok.status).toBe(201);
    // A new window is held to it too.
    const id = (ok.body.drop as { id: string }).id;
    const longer = await call(editRoute, {
      params: { id },
      token: adminToken(),
      json: { startsAt: body(6).startsAt, endsAt: body(6).endsAt },
    });
    expect(longer.status).toBe(400);
  });

  it("a winner's card being charged has no checkout; released meanwhile, the hold checks out with a new payment", async () => {
    const drop = await paidDraw(3_000, 1);
    const [s] = await mintShoppers(1);
    const tag = `do-${drop.id}`;
    const first = await enterPaid(drop.id, s!, tag);
    // The provider is down at the draw: the hold is written, its capture waits for the reconciler.
    providePayments({
      ...provider,
      capture: async () => {
        throw new Error("the provider is down");
      },
    });
    await draw(drop.id, drop.endsAt);
    const won = (await mine(drop.id, s!)).body;
    expect(won).toMatchObject({
      result: "won",
      claim: { status: "held" },
      payment: { status: "authorised" },
    });
    const claimId = (won.claim as { id: string }).id;
    // Checkout now would make a second payment beside the one being captured: refused.
    const early = await call(confirmRoute, { params: { claimId }, token: s!.token, json: buyer(tag) });
    expect([early.status, early.body.error?.code]).toEqual([409, "IN_PROGRESS"]);
    // The losers' sweep releases it while the hold still names it (the race): the hold checks out anew.
    await release(provider, (await getPayment({ claimId }))!, Date.now());
    providePayments(provider);
    const checkout = await call(confirmRoute, { params: { claimId }, token: s!.token, json: buyer(tag) });
    expect(checkout.status).toBe(200);
    const second = checkout.body.payment as ClaimPayment;
    expect(second.paymentId).not.toBe(first.paymentId);
    await card(second, "4242424242424242");
    expect((await getClaimItem({ id: claimId }))?.status).toBe("confirmed");
    expect((await provider.getPayment(first.paymentId)).status).toBe("canceled");
    expect(await ledgerOf(drop.id, { captured: PRICE, paid: PRICE })).toBe(true);
  });

  it("an entry written before a crash kept its item under way is entered at the close, its card kept", async () => {
    const drop = await paidDraw(2_500);
    const [s] = await mintShoppers(1);
    lose = true;
    const payment = await enterPaid(drop.id, s!, `dk-${drop.id}`);
    // The card is authorised and the entry written, then the process dies before the item moves on.
    const { Item } = await table.get({ Key: keys.entryAuth(drop.id, s!.shopperId), ConsistentRead: true });
    const auth = Item as { entryId: string; order: never };
    await enter({
      dropId: drop.id,
      shopperId: s!.shopperId,
      now: Date.now(),
      entryId: auth.entryId,
      paid: { paymentId: payment.paymentId, order: auth.order },
    });
    await untilClosed(drop.endsAt);
    await sweepEntryAuths(drop.id, Date.parse(drop.endsAt) + ONE_ATTEMPT_DEAD_MS + 6_000);
    const me = await mine(drop.id, s!);
    expect(me.status).toBe(200);
    expect(me.body.payment).toMatchObject({ status: "authorised" });
    expect((await provider.getPayment(payment.paymentId)).status).toBe("requires_capture");
  });
});
