// Every write that moves stock or a shopper's count, with its answer lost on the way back (the
// database applied it; the client saw a reset): it applies once. And the answers stay true.
import { afterEach, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/admin/drops/[id]/metrics/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as restockRoute } from "@/app/api/admin/drops/[id]/restock/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { auditDrop } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { getSlot } from "@/lib/claim/slots";
import { sweep } from "@/lib/claim/sweep";
import { getLiveState } from "@/lib/claim/live-state";
import type { Shopper } from "@/lib/schemas/claim";
import { withFaultProxy } from "./faults";
import { adminToken, call, createDrop, dropState, mintShoppers, ownTable, storedClaims } from "./helpers";

// Its own table: the sweeper below reconciles every drop in the table it sees.
ownTable("droprush-test-exactly-once");
const proxy = await withFaultProxy();
afterEach(() => {
  delete faults.beforeTakeUnit;
  delete faults.afterTakeUnit;
});

const claim = (dropId: string, s: Shopper, key?: string) =>
  call(claimRoute, {
    params: { id: dropId },
    token: s.token,
    headers: key ? { "idempotency-key": key } : {},
  });
const release = (claimId: string, s: Shopper) => call(releaseRoute, { params: { claimId }, token: s.token });
/** The next request of `op` on the item with this key is applied, and its answer lost. */
const loseNext = (op: string, key: string, times = 1) =>
  proxy.setRules([{ kind: "lose-response", ops: [op], key, times }]);
const live = async (dropId: string) =>
  (await storedClaims(dropId)).filter((c) => c.status === "held" || c.status === "confirmed");

describe("a lost answer never applies a write twice", () => {
  it("THE write: the claim still wins, and exactly one unit is taken", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    loseNext("UpdateItem", `DROP#${drop.id}`);
    const res = await claim(drop.id, a!);
    expect(res.status).toBe(201);
    expect(proxy.stats().injected["lose-response"]).toBe(1);
    expect((await dropState(drop.id))!.remainingStock).toBe(4);
    expect(await live(drop.id)).toHaveLength(1);
  });

  it("a release's return of the unit: back once, so 2 units never sell 3 times", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const [a, b, c, d] = await mintShoppers(4);
    const held = await claim(drop.id, a!);
    expect((await claim(drop.id, b!)).status).toBe(201);
    loseNext("UpdateItem", `DROP#${drop.id}`);
    expect((await release(held.body.claim!.id, a!)).status).toBe(200);
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
    const answers = [await claim(drop.id, c!), await claim(drop.id, d!)].map((r) => r.status);
    expect(answers.sort()).toEqual([201, 409]);
    expect(await live(drop.id)).toHaveLength(2);
  });

  it("restock: the units are added once, and the admin is told it worked", async () => {
    const drop = await createDrop({ totalStock: 5 });
    loseNext("UpdateItem", `DROP#${drop.id}`);
    const res = await call(restockRoute, {
      params: { id: drop.id },
      token: adminToken(),
      json: { quantity: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.body.drop).toMatchObject({ totalStock: 8, remainingStock: 8 });
    expect(await dropState(drop.id)).toMatchObject({ totalStock: 8, remainingStock: 8 });
  });

  it("restock resent by the client with the same Idempotency-Key adds nothing more", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const send = () =>
      call(restockRoute, {
        params: { id: drop.id },
        token: adminToken(),
        json: { quantity: 2 },
        headers: { "idempotency-key": "restock-1" },
      });
    expect((await send()).status).toBe(200);
    expect((await send()).body.drop).toMatchObject({ totalStock: 7, remainingStock: 7 });
  });

  it("pause: the lost answer is our own write, not 409 ALREADY_PAUSED", async () => {
    const drop = await createDrop({ totalStock: 5 });
    loseNext("UpdateItem", `DROP#${drop.id}`);
    const res = await call(pauseRoute, { params: { id: drop.id }, token: adminToken(), json: {} });
    expect(res.status).toBe(200);
    expect(res.body.drop?.status).toBe("paused");
  });

  it("the slot's take: counted once, so a limit of 2 still allows 2", async () => {
    const drop = await createDrop({ totalStock: 5, maxPerShopper: 2 });
    const [a] = await mintShoppers(1);
    loseNext("UpdateItem", `SLOT#${drop.id}#${a!.shopperId}`);
    expect((await claim(drop.id, a!)).status).toBe(201);
    expect(await getSlot({ dropId: drop.id, shopperId: a!.shopperId })).toMatchObject({ count: 1 });
    expect((await claim(drop.id, a!)).status).toBe(201);
    expect((await claim(drop.id, a!)).body.error?.code).toBe("LIMIT_REACHED");
  });

  it("the slot's give-back: counted once, so nobody gets past the limit", async () => {
    const drop = await createDrop({ totalStock: 10, maxPerShopper: 2 });
    const [a] = await mintShoppers(1);
    const first = await claim(drop.id, a!);
    expect((await claim(drop.id, a!)).status).toBe(201);
    loseNext("UpdateItem", `SLOT#${drop.id}#${a!.shopperId}`);
    expect((await release(first.body.claim!.id, a!)).status).toBe(200);
    expect(await getSlot({ dropId: drop.id, shopperId: a!.shopperId })).toMatchObject({ count: 1 });
    expect((await claim(drop.id, a!)).status).toBe(201);
    expect((await claim(drop.id, a!)).body.error?.code).toBe("LIMIT_REACHED");
    expect(await live(drop.id)).toHaveLength(2);
  });

  it("the Idempotency-Key's reservation: the claim goes on (it does not wait on itself)", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    proxy.setRules([{ kind: "lose-response", ops: ["PutItem"], key: "IDEM#", times: 1 }]);
    expect((await claim(drop.id, a!, "k-1")).status).toBe(201);
  });

  it("the claim's Put: 201, never a 500 from its resend", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    proxy.setRules([{ kind: "lose-response", ops: ["PutItem"], key: "CLAIM#", times: 1 }]);
    expect((await claim(drop.id, a!)).status).toBe(201);
    expect(await live(drop.id)).toHaveLength(1);
  });
});

describe("an unknown outcome gets a retryable answer, and the retry the true one", () => {
  it("THE write lost twice: 503 with Retry-After; the keyed retry gets the unit the first one took", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    loseNext("UpdateItem", `DROP#${drop.id}`, 2);
    const first = await claim(drop.id, a!, "intent-1");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBeTruthy();
    expect((await dropState(drop.id))!.remainingStock).toBe(4); // taken, not yet anyone's
    const retry = await claim(drop.id, a!, "intent-1");
    expect(retry.status).toBe(201);
    expect((await dropState(drop.id))!.remainingStock).toBe(4); // the same unit
    expect(await live(drop.id)).toHaveLength(1);
  });

  it("THE write never sent (reset before it): 503, then the retry takes one unit", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    proxy.setRules([{ kind: "reset-before", ops: ["UpdateItem"], key: `DROP#${drop.id}`, times: 2 }]);
    expect((await claim(drop.id, a!, "intent-2")).status).toBe(503);
    expect((await dropState(drop.id))!.remainingStock).toBe(5);
    expect((await claim(drop.id, a!, "intent-2")).status).toBe(201);
    expect((await dropState(drop.id))!.remainingStock).toBe(4);
  });

  it("a database error right before THE write gives the slot back", async () => {
    const drop = await createDrop({ totalStock: 5, maxPerShopper: 1 });
    const [a] = await mintShoppers(1);
    faults.beforeTakeUnit = () => {
      throw Object.assign(new Error("connect ECONNRESET"), { code: "ECONNRESET" });
    };
    expect((await claim(drop.id, a!)).status).toBe(503);
    delete faults.beforeTakeUnit;
    expect(await getSlot({ dropId: drop.id, shopperId: a!.shopperId })).toMatchObject({ count: 0 });
    expect((await claim(drop.id, a!)).status).toBe(201);
  });

  it("the drop's lastTakenAt is the time of the write, not of the request's start", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    proxy.setRules([{ kind: "latency", ops: ["UpdateItem"], key: "SLOT#", latencyMs: 300, times: 1 }]);
    const started = Date.now();
    expect((await claim(drop.id, a!)).status).toBe(201);
    expect((await dropState(drop.id))!.lastTakenAt).toBeGreaterThanOrEqual(started + 300);
  });
});

describe("a winner is always told they won", () => {
  it("with a limit of 1, an un-keyed second click after the sell-out replays the claim", async () => {
    const drop = await createDrop({ totalStock: 1, maxPerShopper: 1 });
    const [winner, loser] = await mintShoppers(2);
    const won = await claim(drop.id, winner!);
    expect(won.status).toBe(201);
    expect((await claim(drop.id, loser!)).body.error?.code).toBe("SOLD_OUT");
    expect((await getLiveState(drop.id, Date.now() + 1100))?.remainingStock).toBe(0);
    const again = await claim(drop.id, winner!);
    expect(again.status).toBe(200);
    expect(again.body.claim?.id).toBe(won.body.claim?.id);
    expect((await claim(drop.id, loser!)).body.error?.code).toBe("SOLD_OUT");
  });

  it("a released claim's key answers with that claim at once, not IN_PROGRESS", async () => {
    const drop = await createDrop({ totalStock: 3 });
    const [a] = await mintShoppers(1);
    const first = await claim(drop.id, a!, "once");
    expect((await release(first.body.claim!.id, a!)).status).toBe(200);
    const again = await claim(drop.id, a!, "once");
    expect(again.status).toBe(200);
    expect(again.body.claim).toMatchObject({ id: first.body.claim!.id, status: "released" });
  });
});

describe("the audit and a claim that recognises its own lost take", () => {
  it.each([1, 4])(
    "K = %i: the keyed retry lands between the audit's snapshot and its return: the unit is the claim's, never returned too",
    async (stockShards) => {
      const drop = await createDrop({ totalStock: 4, stockShards });
      const [a] = await mintShoppers(1);
      proxy.setRules([{ kind: "lose-response", ops: ["UpdateItem"], key: `DROP#${drop.id}`, times: 2 }]);
      expect((await claim(drop.id, a!, "intent-x")).status).toBe(503); // took a unit; both answers lost
      proxy.setRules([]);
      expect((await dropState(drop.id))!.remainingStock).toBe(3);

      // The audit sees a stranded unit (no claim yet); the shopper's retry comes in right then.
      let retried: Awaited<ReturnType<typeof claim>> | undefined;
      faults.afterAuditSnapshot = async () => {
        delete faults.afterAuditSnapshot;
        retried = await claim(drop.id, a!, "intent-x");
      };
      const report = await auditDrop({ dropId: drop.id, now: Date.now() + 61_000 });
      expect(retried!.status).toBe(201);
      expect(report.action).toBe("changed");
      const state = (await dropState(drop.id))!;
      expect(state.remainingStock + (await live(drop.id)).length).toBe(4); // nothing oversold
      expect(state.remainingStock).toBe(3);
    },
  );
});

describe("reconciliation runs by itself", () => {
  it("a unit stranded by a crash is back on sale after the quiet period, and the live view says so", async () => {
    const drop = await createDrop({ totalStock: 3 });
    const [a, b] = await mintShoppers(2);
    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    expect((await claim(drop.id, a!)).status).toBe(500);
    delete faults.afterTakeUnit;
    expect((await dropState(drop.id))!.remainingStock).toBe(2);

    expect((await sweep({ now: Date.now() })).returned).toBe(0); // a writer may still be in flight
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
    const later = Date.now() + 61_000;
    const swept = await sweep({ now: later });
    expect(swept.returned).toBe(1);
    expect((await dropState(drop.id))!.remainingStock).toBe(3);
    expect((await sweep({ now: later + 1 })).returned).toBe(0); // never twice

    const metrics = await call(metricsRoute, { params: { id: drop.id }, token: adminToken() });
    expect(metrics.body.autoReturns).toEqual([{ at: new Date(later).toISOString(), units: 1 }]);
    expect((await claim(drop.id, b!)).status).toBe(201);
  });

  it("a drop found in agreement is skipped only until its stock moves: a later stranded unit still comes back", async () => {
    const drop = await createDrop({ totalStock: 3 });
    const [a, b] = await mintShoppers(2);
    expect((await claim(drop.id, a!)).status).toBe(201);
    const t0 = Date.now() + 61_000;
    expect((await sweep({ now: t0 })).returned).toBe(0); // audited: in agreement, remembered

    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    expect((await claim(drop.id, b!)).status).toBe(500);
    delete faults.afterTakeUnit;
    expect((await dropState(drop.id))!.remainingStock).toBe(1);
    const t1 = Date.now() + 61_000;
    expect((await sweep({ now: t1 })).returned).toBe(1);
    expect((await dropState(drop.id))!.remainingStock).toBe(2);
  });
});
