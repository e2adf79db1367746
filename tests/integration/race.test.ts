// The product's promise under a stampede: never oversell, one unit per shopper, a double click is a replay.
// Also run against AWS's DynamoDB Local: `npm run test:dynamodb-local`.
import { describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { auditDrop } from "@/lib/claim/audit";
import { getSlot } from "@/lib/claim/slots";
import type { Shopper } from "@/lib/schemas/claim";
import { call, createDrop, dropState, mintShoppers, storedClaims, tally, type Called } from "./helpers";

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function claim(dropId: string, shopper: Shopper, idempotencyKey?: string): Promise<Called> {
  return call(claimRoute, {
    method: "POST",
    path: `/api/drops/${dropId}/claims`,
    params: { id: dropId },
    token: shopper.token,
    headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {},
  });
}

/** `shoppers` distinct shoppers plus `dups` second clicks (re-sent tokens), all in flight at once. */
async function race({ units, shoppers: count, dups }: { units: number; shoppers: number; dups: number }) {
  const drop = await createDrop({ totalStock: units, maxPerShopper: 1 });
  const shoppers = await mintShoppers(count);
  const senders = shuffle([...shoppers, ...shuffle(shoppers).slice(0, dups)]);
  const responses = await Promise.all(
    senders.map(async (s) => ({ shopperId: s.shopperId, res: await claim(drop.id, s) })),
  );

  const statuses = tally(responses.map(({ res }) => res.status));
  const state = await dropState(drop.id);
  const claims = await storedClaims(drop.id);
  const slots = await Promise.all(shoppers.map((s) => getSlot({ dropId: drop.id, shopperId: s.shopperId })));

  // Every answer is a win, a replay of that shopper's win, or sold out; never a 5xx, a limit or a busy.
  const others = responses.filter(
    ({ res }) =>
      ![200, 201, 409].includes(res.status) || (res.status === 409 && res.body.error?.code !== "SOLD_OUT"),
  );
  expect(others.map(({ res }) => [res.status, res.body])).toEqual([]);

  const wonBy = new Map<string, string>();
  for (const { shopperId, res } of responses.filter(({ res }) => res.status === 201)) {
    expect(wonBy.has(shopperId), `shopper ${shopperId} got two 201s`).toBe(false);
    expect(res.body.claim).toMatchObject({ dropId: drop.id, shopperId, status: "held" });
    wonBy.set(shopperId, res.body.claim?.id as string);
  }
  for (const { shopperId, res } of responses.filter(({ res }) => res.status === 200)) {
    expect(res.body.claim?.id, `replay for ${shopperId}`).toBe(wonBy.get(shopperId));
  }

  // The database agrees with the answers: one stored claim per 201, to distinct shoppers.
  const sold = Math.min(units, count);
  expect(claims).toHaveLength(sold);
  expect(new Set(claims.map((c) => c.shopperId)).size).toBe(sold);
  expect(new Map(claims.map((c) => [c.shopperId, c.id]))).toEqual(wonBy);
  expect(state?.remainingStock).toBe(units - sold);
  // A loser's slot is given back, a winner holds exactly one.
  expect(tally(slots.map((slot) => slot?.count ?? 0))).toEqual(
    sold === count ? { 1: sold } : { 0: count - sold, 1: sold },
  );
  // The audit agrees, stock and money: this file runs with payments off, so no money moved.
  expect(await auditDrop({ dropId: drop.id })).toMatchObject({
    unaccounted: 0,
    oversold: 0,
    ledgerHolds: true,
    ledger: { paymentsOn: false, note: "payments off: no money moved" },
  });
  return { statuses, wonBy };
}

describe("claim race (maxPerShopper 1)", () => {
  it("1,000 shoppers + 300 double clicks for 50 units: exactly 50 sold to 50 shoppers", async () => {
    const { statuses } = await race({ units: 50, shoppers: 1000, dups: 300 });
    expect(statuses[201]).toBe(50);
    expect((statuses[200] ?? 0) + (statuses[409] ?? 0)).toBe(1250);
  });

  it("1,000 shoppers + 300 double clicks for 1 unit: exactly one winner", async () => {
    const { statuses } = await race({ units: 1, shoppers: 1000, dups: 300 });
    expect(statuses[201]).toBe(1);
    expect((statuses[200] ?? 0) + (statuses[409] ?? 0)).toBe(1299);
  });

  it("more units than shoppers: each shopper wins exactly once and the rest stays", async () => {
    const { statuses } = await race({ units: 300, shoppers: 200, dups: 100 });
    expect(statuses).toEqual({ 200: 100, 201: 200 });
  });
});

describe("Idempotency-Key", () => {
  it("the same key sent 20 times at once takes exactly one unit, even with a limit of 5", async () => {
    const drop = await createDrop({ totalStock: 10, maxPerShopper: 5 });
    const [shopper] = await mintShoppers(1);
    if (!shopper) throw new Error("no shopper");
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => claim(drop.id, shopper, "checkout-click-1")),
    );

    expect(tally(responses.map((r) => r.status))).toEqual({ 200: 19, 201: 1 });
    const ids = new Set(responses.map((r) => r.body.claim?.id));
    expect(ids.size).toBe(1);
    const claims = await storedClaims(drop.id);
    expect(claims.map((c) => c.id)).toEqual([...ids]);
    expect((await dropState(drop.id))?.remainingStock).toBe(9);
    expect((await getSlot({ dropId: drop.id, shopperId: shopper.shopperId }))?.count).toBe(1);

    // A new key is a new click: the limit of 5 lets it take a second unit.
    const second = await claim(drop.id, shopper, "checkout-click-2");
    expect(second.status).toBe(201);
    expect(second.body.claim?.id).not.toBe([...ids][0]);
    expect((await dropState(drop.id))?.remainingStock).toBe(8);
  });
});

describe("a claim's answer", () => {
  it("carries the stock as its server knows it after the claim, so the last winner sees 0 left", async () => {
    const drop = await createDrop({ totalStock: 2, maxPerShopper: 1 });
    const [a, b] = await mintShoppers(2);
    if (!a || !b) throw new Error("no shoppers");
    const first = await claim(drop.id, a, "a-1");
    expect(first.status).toBe(201);
    expect(first.body.stock).toMatchObject({ dropId: drop.id, remainingStock: 1, totalStock: 2 });
    const last = await claim(drop.id, b);
    expect(last.status).toBe(201);
    expect(last.body.stock).toMatchObject({ remainingStock: 0, status: "sold_out" });
    // A replay says the stock as it is now, not as it was at the first answer.
    const replay = await claim(drop.id, a, "a-1");
    expect(replay.status).toBe(200);
    expect(replay.body.stock).toMatchObject({ remainingStock: 0 });
  });

  it("sums every shard of a sharded drop", async () => {
    const drop = await createDrop({ totalStock: 4, maxPerShopper: 1, stockShards: 2 });
    const shoppers = await mintShoppers(4);
    const answers = [];
    for (const s of shoppers) answers.push(await claim(drop.id, s));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((r) => (r.body.stock as { remainingStock: number }).remainingStock)).toEqual([
      3, 2, 1, 0,
    ]);
  });
});
