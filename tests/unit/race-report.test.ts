// The race CLI's breakdown of where the time went (scripts/race/report.ts), from each answer's
// Server-Timing: per outcome, and the slowest 1 %.
import { describe, expect, it } from "vitest";
import type { Outcome } from "@/lib/race/plan";
import { parseServerTiming } from "@/scripts/race/http-pool";
import { buildReport, renderReport } from "@/scripts/race/report";

const audit = {
  expectedUnits: 1,
  units: 1,
  winners: 1,
  recordedUnits: 1,
  oversold: 0,
  serverErrors: 0,
  invariants: [],
};
const base = {
  url: "http://x",
  dropId: "d",
  createdDrop: true,
  config: { stock: 1, shoppers: 100, dups: 0, concurrency: 8, maxPerShopper: 1 },
  stockBefore: 1,
};
const outcome = (i: number, o: Partial<Outcome>): Outcome => ({
  shopper: i,
  dup: false,
  status: 409,
  code: "SOLD_OUT",
  ms: 10,
  at: 0,
  early: 0,
  ...o,
});

describe("race report phases", () => {
  it("parses Server-Timing", () => {
    expect(parseServerTiming("total;dur=12.5, db;dur=3, cache;desc=x;dur=0.1, bare")).toEqual({
      total: 12.5,
      db: 3,
      cache: 0.1,
    });
  });

  it("splits each outcome's round trip into the handler's phases and the time outside it", () => {
    const outcomes = [
      outcome(0, {
        status: 201,
        code: undefined,
        ms: 900,
        at: 5,
        server: { total: 800, db: 700, cache: 0, gate: 50, replay: 0 },
      }),
      ...Array.from({ length: 99 }, (_, i) =>
        outcome(i + 1, { ms: 100, at: 500, server: { total: 40, db: 10, cache: 0, gate: 0, replay: 0 } }),
      ),
    ];
    const r = buildReport(base, outcomes, 1000, audit);
    expect(r.phases?.byOutcome.won?.outside?.p50).toBe(100);
    expect(r.phases?.byOutcome.SOLD_OUT?.outside?.p99).toBe(60);
    // The slowest 1 % is the one win: its means are its own figures.
    expect(r.phases?.tail).toMatchObject({
      count: 1,
      ms: 900,
      total: 800,
      db: 700,
      gate: 50,
      outside: 100,
      sentAt: 5,
    });
    expect(renderReport(r)).toContain("slowest 1");
  });

  it("counts the slowest answers that carried no timing (no answer) and leaves them out of the means", () => {
    const outcomes = [
      outcome(0, { status: 0, code: undefined, ms: 5000, error: "ECONNRESET" }),
      ...Array.from({ length: 99 }, (_, i) =>
        outcome(i + 1, { ms: 100, server: { total: 40, db: 10, cache: 0, gate: 0, replay: 0 } }),
      ),
    ];
    const tail = buildReport(base, outcomes, 1000, audit).phases?.tail;
    expect(tail).toMatchObject({ count: 1, untimed: 1, ms: 0, total: 0 });
  });

  it("has no phases when the server sent no Server-Timing", () => {
    expect(buildReport(base, [outcome(0, {})], 1000, audit).phases).toBeUndefined();
  });
});
