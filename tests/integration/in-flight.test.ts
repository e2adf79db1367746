// lib/claim/in-flight.ts: a shopper's request that waits for another of theirs running in the same
// process gets that one's answer from it, not by polling the database; the answers stay the same.
import { beforeEach, describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import type { Shopper } from "@/lib/schemas/claim";
import { withFaultProxy } from "./faults";
import { call, createDrop, dropState, mintShoppers, ownTable, storedClaims, tally } from "./helpers";

ownTable("droprush-test-in-flight");
const proxy = await withFaultProxy();
beforeEach(() => proxy.resetStats());

const claim = (dropId: string, s: Shopper, key?: string) =>
  call(claimRoute, {
    params: { id: dropId },
    token: s.token,
    headers: key ? { "idempotency-key": key } : {},
  });
/** The claim's own write answers slowly: the first request is still in flight when the others come. */
const slowClaimWrites = () =>
  proxy.setRules([{ kind: "latency", ops: ["PutItem"], key: /^CLAIM#/, latencyMs: 400 }]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("requests of one shopper in flight together", () => {
  it("same key: one unit, one 201, the others its replay, and no key item written for them", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    slowClaimWrites();
    proxy.resetStats();
    const first = claim(drop.id, a!, "k-1");
    await sleep(50); // the first one holds its key and is writing its claim
    const answers = await Promise.all([first, ...Array.from({ length: 4 }, () => claim(drop.id, a!, "k-1"))]);
    expect(tally(answers.map((r) => r.status))).toEqual({ 201: 1, 200: 4 });
    expect(new Set(answers.map((r) => r.body.claim?.id)).size).toBe(1);
    // The first request's key and claim; the others wrote nothing, not even a try at the key.
    expect(proxy.stats().byOp.PutItem).toBe(2);
    expect((await dropState(drop.id))!.remainingStock).toBe(4);
  });

  it("same key: a claim refusal of the first is the answer of the others", async () => {
    const drop = await createDrop({ totalStock: 1 });
    const [a, b] = await mintShoppers(2);
    expect((await claim(drop.id, a!)).status).toBe(201);
    // b's first request looks for the key's claim (to tell a winner they won), slowly.
    proxy.setRules([{ kind: "latency", ops: ["BatchGetItem"], latencyMs: 300, times: 1 }]);
    const first = claim(drop.id, b!, "k-b");
    await sleep(50);
    proxy.resetStats();
    const retries = await Promise.all(Array.from({ length: 3 }, () => claim(drop.id, b!, "k-b")));
    expect((await first).body.error?.code).toBe("SOLD_OUT");
    expect(retries.map((r) => r.body.error?.code)).toEqual(["SOLD_OUT", "SOLD_OUT", "SOLD_OUT"]);
    expect(proxy.stats().requests).toBe(0); // the retries asked the database nothing
  });

  it("same key: a first request that fails (503) leaves the others to be judged on their own", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    // The first request's slot write answers slowly (the second comes meanwhile), then its stock
    // write is throttled on each of its tries (lib/db/write-once.ts): a 503. Later writes go through.
    proxy.setRules([
      { kind: "latency", ops: ["UpdateItem"], key: /^SLOT#/, latencyMs: 200, times: 1 },
      { kind: "throttle", ops: ["UpdateItem"], key: `DROP#${drop.id}`, times: 4 },
    ]);
    const first = claim(drop.id, a!, "k-503");
    await sleep(20);
    const second = claim(drop.id, a!, "k-503");
    expect((await first).status).toBe(503);
    const won = await second;
    expect(won.status).toBe(201);
    expect((await storedClaims(drop.id)).map((c) => c.id)).toEqual([won.body.claim!.id]);
  });

  it("a double click without a key: the second is told of the first's claim as soon as it is written", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    slowClaimWrites();
    const first = claim(drop.id, a!);
    await sleep(50); // the first holds the shopper's slot and is writing its claim
    proxy.resetStats();
    const second = await claim(drop.id, a!);
    expect((await first).status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.claim?.id).toBe((await first).body.claim?.id);
    // Its reads of the slot, and no polling of the claim every 50 ms while it was written.
    expect(proxy.stats().byOp.BatchGetItem ?? 0).toBeLessThanOrEqual(2);
    expect((await dropState(drop.id))!.remainingStock).toBe(4);
  });
});
