import { describe, expect, it } from "vitest";
import { newArenaState } from "@/lib/race/arena";
import type { Outcome } from "@/lib/race/plan";
import { summarize } from "@/lib/race/summary";

// What the race arena shows while it runs, from the answers so far.
const o = (shopper: number, rest: Partial<Outcome>): Outcome => ({
  shopper,
  dup: false,
  status: 409,
  ms: 10,
  early: 0,
  ...rest,
});

describe("race arena summary", () => {
  it("counts units, winners and replays apart, refusals by code, and 5xx", () => {
    const state = newArenaState({ stock: 2, shoppers: 4, dups: 1, maxPerShopper: 1 });
    Object.assign(state, { phase: "racing", attempts: 5, wireMs: [3, 30] });
    state.outcomes.push(
      o(0, { status: 201, claimId: "c0" }),
      o(0, { status: 201, claimId: "c0", dup: true }), // a retry with the same key: its claim again
      o(1, { status: 201, claimId: "c1" }),
      o(2, { code: "SOLD_OUT" }),
      o(3, { status: 503, code: "UNAVAILABLE" }),
    );
    const s = summarize(state);
    expect(s).toMatchObject({
      units: 2,
      winners: 2,
      replays: 1,
      answered: 5,
      serverErrors: 1,
      refusals: { SOLD_OUT: 1, UNAVAILABLE: 1 },
    });
    expect(s.progress).toEqual({ label: "Claims answered: 5 of 5", value: 5, max: 5 });
    expect(s.wire.samples).toBe(2);
    expect(s.wire.buckets.reduce((n, b) => n + b.count, 0)).toBe(2);
  });
});
