// Sharded stock (lib/stock/shards.ts): a drop's stock split over K items, each taken with the one
// conditional write. Races for K = 1 and K = 8, judged by the history checker; units left on one
// shard while the others are empty; pause, resume and end reaching every shard with claims in
// flight; restocks, returns and the audit over shards.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { POST as endRoute } from "@/app/api/admin/drops/[id]/end/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as restockRoute } from "@/app/api/admin/drops/[id]/restock/route";
import { POST as resumeRoute } from "@/app/api/admin/drops/[id]/resume/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { dropProof } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { sweep } from "@/lib/claim/sweep";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { getShard } from "@/lib/stock/reads";
import type { ShardStock } from "@/lib/stock/status";
import { checkHistory, formatVerdicts } from "../../scripts/faults/history";
import { clickIntent, type Answer } from "../../scripts/faults/intent";
import {
  adminToken,
  call,
  claimWithKey,
  createDrop,
  dropState,
  mintShoppers,
  ownTable,
  storedClaims,
} from "./helpers";

ownTable("droprush-test-shards"); // the sweeper below reconciles every drop of the table it sees

const send = claimWithKey;

const act = (route: typeof pauseRoute, id: string, json: unknown = {}) =>
  call(route, { params: { id }, token: adminToken(), json });

/** A shard's copy of the window and phase as a crash could leave it: `phase` at an old `version`. */
const staleCopy = (dropId: string, shard: number, phase: string, version: number) =>
  db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.dropShard(dropId, shard),
      UpdateExpression: "SET phase = :phase, settingsVersion = :v",
      ExpressionAttributeValues: { ":phase": phase, ":v": version },
    }),
  );

async function shards(dropId: string, k: number): Promise<ShardStock[]> {
  return Promise.all(Array.from({ length: k }, async (_, n) => (await getShard(dropId, n))!));
}

describe.each([1, 8])("K = %i", (k) => {
  it("a race of 300 shoppers and 60 duplicate clicks for 40 units: exactly 40 winners, the checker passes", async () => {
    const units = 40;
    const drop = await createDrop({ totalStock: units, maxPerShopper: 1, stockShards: k });
    expect(drop.stockShards).toBe(k);
    const shoppers = await mintShoppers(300);
    const senders = [...shoppers, ...shoppers.slice(0, 60)].sort(() => Math.random() - 0.5);
    const ops = await Promise.all(
      senders.map((s) =>
        clickIntent({
          shopperId: s.shopperId,
          key: `r-${s.shopperId}`,
          send: () => send(drop.id, s, `r-${s.shopperId}`),
        }),
      ),
    );
    const state = (await dropState(drop.id))!;
    const claims = await storedClaims(drop.id);
    const result = checkHistory({
      ops,
      final: { totalStock: state.totalStock, remainingStock: state.remainingStock, claims, maxPerShopper: 1 },
    });
    expect(
      result.verdicts.filter((v) => !v.ok),
      formatVerdicts(result),
    ).toEqual([]);
    expect(ops.filter((o) => o.outcome === "won")).toHaveLength(units);
    expect(new Set(claims.map((c) => c.shopperId)).size).toBe(units);
    expect(state).toMatchObject({ totalStock: units, remainingStock: 0, stockShards: k });
    // Every shard gave all its units: none is left with stock while shoppers were told SOLD_OUT.
    for (const s of await shards(drop.id, k)) expect(s.remainingStock).toBe(0);
  });
});

describe("K = 8", () => {
  it("splits the stock evenly, and the drop reads as the sum", async () => {
    const drop = await createDrop({ totalStock: 20, stockShards: 8 });
    expect((await shards(drop.id, 8)).map((s) => s.totalStock)).toEqual([3, 3, 3, 3, 2, 2, 2, 2]);
    expect(drop).toMatchObject({ totalStock: 20, remainingStock: 20 });
  });

  it("the last unit, on whichever shard it is, sells: SOLD_OUT only once every shard is empty", async () => {
    const drop = await createDrop({ totalStock: 8, maxPerShopper: 1, stockShards: 8 });
    const shoppers = await mintShoppers(27);
    for (const s of shoppers.slice(0, 7)) expect((await send(drop.id, s, "one")).status).toBe(201);
    expect((await shards(drop.id, 8)).filter((s) => s.remainingStock === 1)).toHaveLength(1);
    // Twenty shoppers at once, each starting at its own shard: exactly one finds the unit.
    const answers = await Promise.all(shoppers.slice(7).map((s) => send(drop.id, s, "one")));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.code === "SOLD_OUT")).toHaveLength(19);
    expect((await dropState(drop.id))!.remainingStock).toBe(0);
  });

  it("a released unit goes back to its shard and sells again", async () => {
    const drop = await createDrop({ totalStock: 8, maxPerShopper: 1, stockShards: 8 });
    const shoppers = await mintShoppers(9);
    const won = await Promise.all(shoppers.slice(0, 8).map((s) => send(drop.id, s, "one")));
    expect(won.every((a) => a.status === 201)).toBe(true);
    const res = await call(releaseRoute, {
      params: { claimId: won[3]!.claimId! },
      token: shoppers[3]!.token,
    });
    expect(res.status).toBe(200);
    expect((await shards(drop.id, 8)).map((s) => s.remainingStock).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    // The stock cache may say sold out for up to a second; then the unit sells.
    let answer: Answer = { status: 0 };
    for (let i = 0; i < 30 && answer.status !== 201; i++) {
      answer = await send(drop.id, shoppers[8]!, `again-${i}`);
      if (answer.status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
    expect(answer.status).toBe(201);
  });

  it("pause with claims in flight stops every shard; resume and end reach every shard", async () => {
    const drop = await createDrop({ totalStock: 400, maxPerShopper: 1, stockShards: 8 });
    const shoppers = await mintShoppers(240);
    const inFlight = Promise.all(shoppers.slice(0, 200).map((s) => send(drop.id, s, "k")));
    await new Promise((r) => setTimeout(r, 20));
    expect((await act(pauseRoute, drop.id)).status).toBe(200);
    const pausedAt = (await dropState(drop.id))!;
    for (const s of await shards(drop.id, 8)) expect(s.phase).toBe("paused");
    const during = await inFlight;
    expect(during.every((a) => a.status === 201 || a.code === "PAUSED")).toBe(true);
    // After the pause answered, nothing sells on any shard.
    const after = await Promise.all(shoppers.slice(200, 220).map((s) => send(drop.id, s, "k")));
    expect(after.map((a) => a.code)).toEqual(Array(20).fill("PAUSED"));
    expect((await dropState(drop.id))!.remainingStock).toBe(pausedAt.remainingStock);

    expect((await act(resumeRoute, drop.id)).status).toBe(200);
    for (const s of await shards(drop.id, 8)) expect(s.phase).toBe("active");
    const resumed = await Promise.all(shoppers.slice(220, 230).map((s) => send(drop.id, s, "k")));
    expect(resumed.every((a) => a.status === 201)).toBe(true);

    expect((await act(endRoute, drop.id)).status).toBe(200);
    const ended = await shards(drop.id, 8);
    for (const s of ended) expect(s).toMatchObject({ phase: "ended", endsAt: ended[0]!.endsAt });
    const late = await Promise.all(shoppers.slice(230).map((s) => send(drop.id, s, "k")));
    expect(late.map((a) => a.code)).toEqual(Array(10).fill("ENDED"));
  });

  it("a pause that stopped half way (a crash) is finished by the sweeper, or by pausing again", async () => {
    const drop = await createDrop({ totalStock: 16, stockShards: 4 });
    expect((await act(pauseRoute, drop.id)).status).toBe(200);
    expect((await act(resumeRoute, drop.id)).status).toBe(200);
    // A copy that never landed: shard 2 still carries the settings of before the resume.
    await staleCopy(drop.id, 2, "paused", 2);
    await sweep({ now: Date.now() });
    expect((await getShard(drop.id, 2))!.phase).toBe("active");

    // Paused, but shard 2's copy never landed: pausing again is refused, and finishes the copy.
    expect((await act(pauseRoute, drop.id)).status).toBe(200);
    const paused = (await dropState(drop.id))!;
    await staleCopy(drop.id, 2, "active", paused.settingsVersion! - 1);
    const again = await act(pauseRoute, drop.id);
    expect(again.body.error?.code).toBe("ALREADY_PAUSED");
    expect((await getShard(drop.id, 2))!.phase).toBe("paused");
  });

  it("a shard whose copy lags the drop item (still paused after a resume) is repaired by the claim, not refused", async () => {
    const drop = await createDrop({ totalStock: 2, maxPerShopper: 1, stockShards: 2 });
    await staleCopy(drop.id, 1, "paused", 0);
    const shoppers = await mintShoppers(2);
    const answers = await Promise.all(shoppers.map((s) => send(drop.id, s, "one")));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect((await getShard(drop.id, 1))!).toMatchObject({ phase: "active", remainingStock: 0 });
  });

  it("restock spreads over the shards; a removal takes one shard's unsold units, all or nothing, once per key", async () => {
    const drop = await createDrop({ totalStock: 8, maxPerShopper: 1, stockShards: 8 });
    const shoppers = await mintShoppers(3);
    for (const s of shoppers) expect((await send(drop.id, s, "one")).status).toBe(201);
    expect((await act(restockRoute, drop.id, { quantity: 16 })).body.drop).toMatchObject({
      totalStock: 24,
      remainingStock: 21,
    });
    expect((await shards(drop.id, 8)).map((s) => s.totalStock)).toEqual(Array(8).fill(3));
    // 21 unsold, at most 3 on any shard: removing 22, or 4, is refused and changes nothing.
    for (const [quantity, words] of [
      [-22, "Only 21 unsold units"],
      [-4, "at most 3 unsold units can be removed at once"],
    ] as const) {
      const refused = await act(restockRoute, drop.id, { quantity });
      expect(refused.status).toBe(409);
      expect(refused.body.error?.code).toBe("STOCK_BELOW_SOLD");
      expect(refused.body.error?.message).toContain(words);
    }
    expect((await dropState(drop.id))!).toMatchObject({ totalStock: 24, remainingStock: 21 });
    // Sent twice with one Idempotency-Key (a client's resend): removed once, from one shard.
    const remove = () =>
      call(restockRoute, {
        params: { id: drop.id },
        token: adminToken(),
        json: { quantity: -3 },
        headers: { "idempotency-key": "remove-3" },
      });
    expect((await remove()).body.drop).toMatchObject({ totalStock: 21, remainingStock: 18 });
    expect((await remove()).body.drop).toMatchObject({ totalStock: 21, remainingStock: 18 });
    expect((await shards(drop.id, 8)).filter((s) => s.totalStock === 0)).toHaveLength(1);
  });

  it("a unit stranded on a shard by a crash is found by the audit's sum and returned; the proof sums the shards", async () => {
    const drop = await createDrop({ totalStock: 8, maxPerShopper: 1, stockShards: 4 });
    const [a, b] = await mintShoppers(2);
    expect((await send(drop.id, a!, "one")).status).toBe(201);
    faults.afterTakeUnit = () => {
      throw new Error("injected crash after the stock write");
    };
    try {
      expect((await send(drop.id, b!, "one")).status).toBe(500);
    } finally {
      delete faults.afterTakeUnit;
    }
    expect((await dropState(drop.id))!.remainingStock).toBe(6);
    const swept = await sweep({ now: Date.now() + 61_000 });
    expect(swept.returned).toBeGreaterThanOrEqual(1);
    expect((await dropState(drop.id))!.remainingStock).toBe(7);
    const proof = await dropProof(drop.id);
    expect(proof).toMatchObject({ totalStock: 8, remainingStock: 7, held: 1, unaccounted: 0, oversold: 0 });
  });

  it("stockShards is fixed once created: another value is 409 SHARDS_FIXED, the same one is fine", async () => {
    const drop = await createDrop({ totalStock: 8, stockShards: 8 });
    const patch = (json: unknown) => call(patchRoute, { params: { id: drop.id }, token: adminToken(), json });
    const refused = await patch({ stockShards: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("SHARDS_FIXED");
    expect((await patch({ stockShards: 8, name: "Same shards" })).body.drop).toMatchObject({
      stockShards: 8,
      name: "Same shards",
    });
  });

  it("the expected peak sets the shards: 800 claims/s a shard", async () => {
    expect((await createDrop({ expectedPeakClaimsPerSecond: 6_000 })).stockShards).toBe(8);
    expect((await createDrop({ expectedPeakClaimsPerSecond: 100 })).stockShards).toBe(1);
    expect((await createDrop({ expectedPeakClaimsPerSecond: 6_000, stockShards: 2 })).stockShards).toBe(2);
    expect((await createDrop({})).stockShards).toBe(1);
  });
});
