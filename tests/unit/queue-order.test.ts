import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { roundTime } from "@/lib/draw/beacon";
import { ONE_ATTEMPT_DEAD_MS } from "@/lib/db/connect";
import { entriesHash, score } from "@/lib/draw/formulas";
import { prequeueRound } from "@/lib/draw/prequeue";
import {
  admissionTime,
  admissionTimes,
  admittedAmong,
  admittedBy,
  initialSegments,
  passExpiry,
} from "@/lib/queue/admission";
import { orderPrequeue } from "@/lib/draw/prequeue";
import { openAtOf, SETTLE_MS } from "@/lib/queue/settle";
import { nextPollMs, retryPollMs } from "@/lib/schemas/queue";
import { retryAfterMs } from "@/lib/hooks/fetcher";

// The pre-queue's shuffle (the draw's formula over ticket ids) and admission as a function of time.

const seed = "ab".repeat(32);

describe("the pre-queue's order", () => {
  it("sorts 100,000 tickets by score, each once, as the published formula says", () => {
    const ids = Array.from({ length: 100_000 }, () => randomBytes(12).toString("hex"));
    const { order, ticketsHash } = orderPrequeue({ seed, randomness: "r", ticketIds: ids });
    expect(ticketsHash).toBe(entriesHash(ids));
    expect(order).toHaveLength(ids.length);
    expect(new Set(order).size).toBe(ids.length);
    // Ascending score, checked on a sample of neighbours against the formula itself.
    for (let i = 0; i < order.length - 1; i += 997)
      expect(score(seed, "r", ticketsHash, order[i]!) < score(seed, "r", ticketsHash, order[i + 1]!)).toBe(
        true,
      );
    // The same inputs in another order give the same line.
    expect(orderPrequeue({ seed, randomness: "r", ticketIds: [...ids].reverse() }).order).toEqual(order);
  });

  it("is shuffled by the first round after every ticket is in, a join's one attempt's bound and a second", () => {
    expect(SETTLE_MS).toBe(ONE_ATTEMPT_DEAD_MS + 1000);
    for (const startsAt of [Date.parse("2026-07-23T07:38:06.000Z"), Date.parse("2026-07-23T07:38:07.500Z")]) {
      const round = prequeueRound(startsAt);
      expect(roundTime(round)).toBeGreaterThan(openAtOf(startsAt));
      expect(roundTime(round - 1)).toBeLessThanOrEqual(openAtOf(startsAt));
      expect(prequeueRound(new Date(startsAt).toISOString())).toBe(round);
    }
  });
});

describe("admission", () => {
  it("admits rate × time from the opening, and a place at the first instant it is reached", () => {
    const segs = [
      { at: 0, rate: 60, paused: false },
      { at: 10_500, rate: 120, paused: false },
      { at: 20_000, rate: 120, paused: true },
      { at: 30_000, rate: 120, paused: false },
    ];
    const openAt = 1000;
    expect(admittedBy(segs, openAt, 999)).toBe(0);
    expect(admittedBy(segs, openAt, 10_500)).toBe(9); // 9.5 s at one a second
    expect(admittedBy(segs, openAt, 20_000)).toBe(28); // + 9.5 s at two
    expect(admittedBy(segs, openAt, 29_999)).toBe(28); // paused
    expect(admissionTime(segs, openAt, 1)).toBe(2000);
    expect(admissionTime(segs, openAt, 10)).toBe(10_750);
    expect(admissionTime(segs, openAt, 29)).toBe(30_250);
    for (let p = 1; p < 60; p++) {
      const t = admissionTime(segs, openAt, p)!;
      expect(admittedBy(segs, openAt, t)).toBeGreaterThanOrEqual(p);
      expect(admittedBy(segs, openAt, t - 1)).toBeLessThan(p);
    }
    expect(admissionTime([{ at: 0, rate: 60, paused: true }], openAt, 1)).toBeUndefined();
    expect(admissionTime(initialSegments(60), 0, 3)).toBe(3000);
  });
});

describe("admission times along the line", () => {
  it("moves at the rate, one place after another, never before a place is ready, never while paused", () => {
    const openAt = 0;
    const rate = [{ at: 0, rate: 60, paused: false }]; // one a second
    // Three ready at the opening, then nobody for ten minutes, then three at once.
    const later = 600_000;
    const places = (readies: number[]) => ({ count: readies.length, readyAt: (p: number) => readies[p]! });
    const times = admissionTimes(rate, openAt, places([0, 0, 0, later, later, later]));
    expect(times.slice(0, 3)).toEqual([1000, 2000, 3000]);
    // The rate that went unused while the line was empty is not spent at once on the newcomers.
    expect(times[3]).toBeGreaterThanOrEqual(later);
    expect(times[4]! - times[3]!).toBeGreaterThanOrEqual(1000);
    expect(times[5]! - times[4]!).toBeGreaterThanOrEqual(1000);
    // Extending the computed times gives the same as computing them all at once.
    const some = admissionTimes(rate, openAt, places([0, 0, 0]));
    expect(admissionTimes(rate, openAt, places([0, 0, 0, later, later, later]), some)).toEqual(times);
    // A place ready while paused waits for the resume.
    const paused = [
      { at: 0, rate: 60, paused: false },
      { at: 5_000, rate: 60, paused: true },
      { at: 9_000, rate: 60, paused: false },
    ];
    const p = admissionTimes(paused, openAt, places([6_000]));
    expect(p[0]).toBeGreaterThanOrEqual(9_000);
    expect(admittedAmong(times, 6, 2_500)).toBe(2);
    expect(admittedAmong(times, 2, 10_000_000)).toBe(2);
  });
});

describe("a pass's expiry", () => {
  it("runs only while admission is not paused: a pause never burns a turn", () => {
    const minute = 60_000;
    const unused = 0; // when a resume recorded now would take effect: read only while paused for good
    expect(passExpiry(initialSegments(60), 10_000, minute, unused)).toBe(70_000);
    // Paused from 100 s to 300 s.
    const pausedAWhile = [
      { at: 0, rate: 60, paused: false },
      { at: 100_000, rate: 60, paused: true },
      { at: 300_000, rate: 120, paused: false },
    ];
    // Run out before the pause: untouched. 30 s used before it: 30 s left after it. Admitted at
    // its very start: all of it after.
    expect(passExpiry(pausedAWhile, 10_000, minute, unused)).toBe(70_000);
    expect(passExpiry(pausedAWhile, 70_000, minute, unused)).toBe(330_000);
    expect(passExpiry(pausedAWhile, 100_000, minute, unused)).toBe(360_000);
    // Paused for good (so far): the 30 s left from the earliest resume, however late that is; one
    // that would run out before the pause is untouched.
    const pausedNow = pausedAWhile.slice(0, 2);
    expect(passExpiry(pausedNow, 70_000, minute, 200_000)).toBe(230_000);
    expect(passExpiry(pausedNow, 70_000, minute, 500_000)).toBe(530_000);
    expect(passExpiry(pausedNow, 10_000, minute, 500_000)).toBe(70_000);
  });
});

describe("a waiting page's next poll", () => {
  it("is 15–10 s before the turn (for the pass ahead) or a little after the place shows, at least 1 s and, with a place, at most 30 s ahead; 10 s with no eta or once admitted; none once the pass ran out", () => {
    const at = (mine: Parameters<typeof nextPollMs>[0]) => nextPollMs(mine, () => 0);
    expect(at({ status: "waiting", position: 9000, ahead: 8999, etaSeconds: 3600 })).toBe(30_000);
    expect(at({ status: "waiting", position: 100, ahead: 99, etaSeconds: 40 })).toBe(25_250);
    expect(nextPollMs({ status: "waiting", position: 100, ahead: 99, etaSeconds: 40 }, () => 1)).toBe(30_000);
    expect(nextPollMs({ status: "waiting", position: 100, ahead: 99, etaSeconds: 30 }, () => 1)).toBe(20_250);
    expect(at({ status: "waiting", position: 2, ahead: 1, etaSeconds: 17 })).toBe(2250);
    expect(at({ status: "waiting", position: 2, ahead: 1, etaSeconds: 3 })).toBe(1000);
    // Handed its pass ahead: the page turns it into its pass at the turn, and asks 10 s after.
    const next = { token: "t", validFrom: "v", expiresAt: "e", inMs: 4200 };
    expect(at({ status: "waiting", position: 2, ahead: 1, etaSeconds: 5, next })).toBe(14_200);
    expect(at({ status: "prequeue", etaSeconds: 20 })).toBe(20_250);
    expect(at({ status: "prequeue", etaSeconds: 200 })).toBe(200_250); // the opening
    expect(at({ status: "prequeue", etaSeconds: 900 })).toBe(300_000);
    expect(at({ status: "waiting", etaSeconds: 40 })).toBe(40_250); // the place shows then
    // A crowd's polls for places that show at one time come over 5 s, not within half a second.
    expect(nextPollMs({ status: "waiting", etaSeconds: 40 }, () => 1)).toBe(45_250);
    expect(nextPollMs({ status: "prequeue", etaSeconds: 20 }, () => 1)).toBe(25_250);
    expect(at({ status: "waiting", position: 5, ahead: 4 })).toBe(10_000); // paused
    expect(at({ status: "admitted", position: 1, ahead: 0 })).toBe(10_000);
    expect(at({ status: "expired", position: 1 })).toBe(0);
  });
});

describe("a waiting page's poll after a failure", () => {
  it("comes back after 1–2 s, doubling, spread, and never later than 30 s", () => {
    const low = (n: number) => retryPollMs(n, () => 0);
    const high = (n: number) => retryPollMs(n, () => 1);
    expect([1, 2, 3, 4, 5].map(high)).toEqual([2000, 4000, 8000, 16_000, 30_000]);
    expect([1, 2, 3].map(low)).toEqual([1000, 2000, 4000]);
    expect(high(40)).toBe(30_000);
    expect(low(40)).toBe(15_000);
    // The server's Retry-After is waited out, up to the longest backoff.
    expect(retryPollMs(1, () => 0, 5000)).toBe(5000);
    expect(retryPollMs(4, () => 1, 5000)).toBe(16_000);
    expect(retryPollMs(1, () => 0, 600_000)).toBe(30_000);
  });

  it("reads Retry-After as seconds or as a date", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    expect(retryAfterMs("5", now)).toBe(5000);
    expect(retryAfterMs("Mon, 07 Dec 2026 12:00:08 GMT", now)).toBe(8000);
    expect(retryAfterMs("Mon, 07 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("1.5", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
