import { describe, expect, it } from "vitest";
import { expectedUnits, judgeRace } from "@/lib/race/verdicts";
import { planAttempts, type Outcome } from "@/lib/race/plan";
import { histogram } from "@/lib/race/stats";
import { audit } from "@/scripts/race/audit";
import type { HttpClient, HttpResult } from "@/scripts/race/http-pool";
import { createProgress } from "@/scripts/race/progress";

// The race CLI's verdicts, on made-up outcomes: a broken server must turn an invariant red.
const shoppers = Array.from({ length: 5 }, (_, i) => ({
  shopperId: `s${i}`,
  token: `t${i}`,
  expiresAt: "2099-01-01T00:00:00.000Z",
  rehearsal: true,
}));
const silent = createProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream, true);

function fakeApi(onRecord: Record<string, string[]>, remainingStock: number): HttpClient {
  const request = async (_method: string, path: string, init?: { token?: string }): Promise<HttpResult> => {
    if (path.includes("/claims/me"))
      return {
        status: 200,
        ms: 1,
        body: { claims: (onRecord[init?.token ?? ""] ?? []).map((id) => ({ id })) },
      };
    return { status: 200, ms: 1, body: { remainingStock } };
  };
  return { request, close: () => undefined };
}

const won = (shopper: number, claimId: string, status = 201): Outcome => ({
  shopper,
  key: `k${shopper}`,
  dup: false,
  status,
  claimId,
  ms: 5,
  early: 0,
});
const refused = (shopper: number, status = 409, code = "SOLD_OUT"): Outcome => ({
  shopper,
  key: `k${shopper}`,
  dup: false,
  status,
  code,
  ms: 5,
  early: 0,
});

async function verdicts(
  outcomes: Outcome[],
  onRecord: Record<string, string[]>,
  remaining: number,
  stockBefore = 2,
) {
  const result = await audit(
    fakeApi(onRecord, remaining),
    { dropId: "d1", shoppers, outcomes, stockBefore, maxPerShopper: 1, claimable: true },
    4,
    silent,
  );
  return Object.fromEntries(result.invariants.map((i) => [i.name, i.ok]));
}

describe("race audit", () => {
  it("passes a clean race: 2 units, 2 winners, the rest sold out", async () => {
    const v = await verdicts(
      [won(0, "c0"), won(1, "c1"), refused(2), refused(3), refused(4)],
      { t0: ["c0"], t1: ["c1"] },
      0,
    );
    expect(Object.values(v).every(Boolean)).toBe(true);
  });

  it("fails an oversell", async () => {
    const v = await verdicts(
      [won(0, "c0"), won(1, "c1"), won(2, "c2"), refused(3), refused(4)],
      { t0: ["c0"], t1: ["c1"], t2: ["c2"] },
      0,
    );
    expect(v["units handed out == min(stock, shoppers)"]).toBe(false);
    expect(v["remaining stock == stock − units"]).toBe(false);
  });

  it("fails a shopper holding two units, and a claim nobody was told about", async () => {
    const v = await verdicts(
      [won(0, "c0"), refused(1), refused(2), refused(3), refused(4)],
      { t0: ["c0", "c9"] },
      0,
    );
    expect(v["nobody over the limit"]).toBe(false);
    expect(v["claims on record == claims answered"]).toBe(false);
  });

  it("fails one claim answered to two shoppers, and counts what went beyond the stock as oversold", async () => {
    const outcomes = [won(0, "c0"), won(1, "c1"), won(2, "c1"), refused(3), refused(4)];
    const v = await verdicts(outcomes, { t0: ["c0"], t1: ["c1"], t2: ["c1"] }, 0);
    expect(v["each unit went to one shopper"]).toBe(false);
    const oversell = judgeRace({
      shoppers: 5,
      outcomes: [won(0, "c0"), won(1, "c1"), won(2, "c2")],
      recorded: [["c0"], ["c1"], ["c2"]],
      stockBefore: 2,
      stockAfter: 0,
      maxPerShopper: 1,
      claimable: true,
      auditErrors: 0,
    });
    expect(oversell.oversold).toBe(1);
  });

  it("fails on a 5xx or a dropped connection", async () => {
    const v = await verdicts(
      [won(0, "c0"), won(1, "c1"), refused(2, 503, "UNAVAILABLE"), refused(3), refused(4)],
      { t0: ["c0"], t1: ["c1"] },
      0,
    );
    expect(v["zero 5xx"]).toBe(false);
  });
});

describe("expectedUnits", () => {
  const a = (shopper: number, key?: string) => ({ shopper, key, dup: false });
  it("counts one unit per shopper at a limit of 1, however many keys", () => {
    expect(expectedUnits([a(0, "x"), a(0, "y"), a(1, "z")], 100, 1)).toBe(2);
  });
  it("counts distinct keys and keyless requests up to the limit, and never more than the stock", () => {
    expect(expectedUnits([a(0, "x"), a(0, "x"), a(0, "y"), a(1, "z")], 100, 2)).toBe(3);
    expect(expectedUnits([a(0), a(0), a(0), a(1, "z"), a(1, "z")], 100, 2)).toBe(3);
    expect(expectedUnits([a(0, "x"), a(1, "y"), a(2, "z")], 2, 1)).toBe(2);
  });
});

describe("planAttempts", () => {
  it("adds each duplicate right beside its shopper's click: even ones share the key, odd ones have none", () => {
    const plan = planAttempts(10, 4);
    expect(plan).toHaveLength(14);
    const of = (s: number) => plan.filter((a) => a.shopper === s);
    for (const s of [0, 2]) expect(new Set(of(s).map((a) => a.key)).size).toBe(1); // a retry: one key
    for (const s of [1, 3]) expect(of(s).map((a) => a.key)).toEqual([undefined, undefined]); // a double click
    for (const s of [0, 1, 2, 3]) {
      const i = plan.findIndex((a) => a.shopper === s);
      expect(plan[i + 1]?.shopper).toBe(s);
    }
    expect(of(5)).toEqual([{ shopper: 5, dup: false }]);
  });

  it("plans `perShopper` clicks per shopper (the arena's max per shopper): min(stock, shoppers × limit) units", () => {
    const plan = planAttempts(3, 1, 2);
    expect(plan).toHaveLength(7);
    expect(plan.filter((a) => a.shopper === 1)).toEqual([
      { shopper: 1, dup: false },
      { shopper: 1, dup: false },
    ]);
    expect(expectedUnits(plan, 100, 2)).toBe(6);
    expect(expectedUnits(plan, 5, 2)).toBe(5);
  });
});

describe("histogram", () => {
  it("counts each sample into the bucket below its upper edge, the last bucket open-ended", () => {
    expect(histogram([0.5, 1, 4.9, 5, 99, 1e6], [1, 5, 100])).toEqual([
      { from: 0, to: 1, count: 1 },
      { from: 1, to: 5, count: 2 },
      { from: 5, to: 100, count: 2 },
      { from: 100, to: undefined, count: 1 },
    ]);
  });
});
