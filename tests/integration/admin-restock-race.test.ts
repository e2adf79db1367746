// Restocks that land while claims are in flight: the final sold + remaining equals the new total,
// and nothing is oversold (DynamoDB serializes the ADD with the claims' conditional decrements).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as restockRoute } from "@/app/api/admin/drops/[id]/restock/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import type { Shopper } from "@/lib/schemas/claim";
import {
  adminToken,
  call,
  createDrop,
  dropState,
  mintShoppers,
  storedClaims,
  tally,
  type Called,
  ownTable,
} from "./helpers";

ownTable("droprush-test-admin-restock");

const SHOPPERS = 300;
const STOCK = 40;
const WAVE = 10;

let shoppers: Shopper[];
beforeAll(async () => {
  shoppers = await mintShoppers(SHOPPERS);
});

const restock = (id: string, quantity: number) =>
  call(restockRoute, {
    path: `/api/admin/drops/${id}/restock`,
    method: "POST",
    params: { id },
    token: adminToken(),
    json: { quantity },
  });

describe("restock during a live race", () => {
  // Each step: the quantity, the wave after which it is sent, and the answer it must get. No wave
  // after a removal's is sent until the removal has its answer, so when it lands fewer shoppers
  // have claimed than the units less the removal (80 for 100 − 5): the −5 always applies, with the
  // claims of the waves before it still in flight, never refused because the race outran it.
  it.each([
    [
      "+25 after wave 6, +10 after wave 14",
      [
        [25, 6, 200],
        [10, 14, 200],
      ],
    ],
    [
      "+60 after wave 6, −5 (unsold units only) after wave 7",
      [
        [60, 6, 200],
        [-5, 7, 200],
      ],
    ],
    [
      "−41 (more than were ever unsold) after wave 3: refused whole",
      [
        [-41, 3, 409],
        [20, 8, 200],
      ],
    ],
  ])("%s, claims in flight → sold + remaining == total, no oversell", async (_label, plan) => {
    const drop = await createDrop({ totalStock: STOCK, maxPerShopper: 1 });
    // The race arrives in waves (10 shoppers every 40 ms), so claims keep coming before, during and
    // after each restock; each restock is sent while earlier waves are still in flight.
    let settled = 0;
    let launched = 0;
    const claims: Promise<Called>[] = [];
    const inFlightAtRestock: number[] = [];
    const sent: Promise<Called>[] = [];
    const restockAfterWave = new Map(plan.map(([q, wave]) => [wave!, q!]));
    for (let wave = 0; launched < SHOPPERS; wave++) {
      for (const s of shoppers.slice(launched, launched + WAVE)) {
        claims.push(
          call(claimRoute, {
            path: `/api/drops/${drop.id}/claims`,
            method: "POST",
            params: { id: drop.id },
            token: s.token,
          }).finally(() => settled++),
        );
      }
      launched = Math.min(SHOPPERS, launched + WAVE);
      const q = restockAfterWave.get(wave);
      if (q !== undefined) {
        inFlightAtRestock.push(launched - settled);
        // Each restock after the one before has its answer: the order the plan says.
        const before = sent.at(-1);
        sent.push(before ? before.then(() => restock(drop.id, q)) : restock(drop.id, q));
        if (q < 0) await sent.at(-1); // no new shoppers until the removal has its answer
      }
      await new Promise((r) => setTimeout(r, 40)); // long enough that demand outlasts a restock under load
    }
    const [results, restocks] = await Promise.all([Promise.all(claims), Promise.all(sent)]);

    const total = STOCK + plan.reduce((sum, [q, , status]) => sum + (status === 200 ? q! : 0), 0);
    const state = await dropState(drop.id);
    const stored = await storedClaims(drop.id);
    const won = results.filter((r) => r.status === 201);

    expect(
      inFlightAtRestock.every((n) => n > 0),
      `claims in flight at each restock: ${inFlightAtRestock}`,
    ).toBe(true);
    // Every restock got the answer its plan says (a removal refused names why).
    expect(restocks.map((r) => [r.status, r.body.error?.code])).toEqual(
      plan.map(([, , status]) => [status, status === 200 ? undefined : "STOCK_BELOW_SOLD"]),
    );
    expect(state?.totalStock).toBe(total);
    expect(stored.length + state!.remainingStock).toBe(total); // sold + remaining == the new total
    expect(won.length).toBe(stored.length); // every 201 is a stored claim, and only those
    expect(new Set(stored.map((c) => c.shopperId)).size).toBe(stored.length); // one unit per shopper
    // 300 shoppers for ≤ 100 units: it sells out, exactly, and everyone else is told so.
    expect(stored.length).toBe(total);
    expect(state!.remainingStock).toBe(0);
    expect(tally(results.map((r) => (r.status === 201 ? "won" : String(r.body.error?.code))))).toEqual({
      won: total,
      SOLD_OUT: SHOPPERS - total,
    });
  });
});
