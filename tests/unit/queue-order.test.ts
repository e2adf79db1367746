import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { entriesHash, score } from "@/lib/draw/formulas";
import { admissionTime, admittedBy, initialSegments } from "@/lib/queue/admission";
import { orderPrequeue } from "@/lib/queue/order";

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
