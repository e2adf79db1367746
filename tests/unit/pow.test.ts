import { createChallenge, verifySolution } from "altcha-lib/v1";
import { describe, expect, it } from "vitest";
import { payloadOf, solve } from "@/lib/hooks/pow-solve";
import { CALM_MAX_NUMBER, maxNumberFor, pressureOf } from "@/lib/security/pow-difficulty";

describe("the difficulty curve", () => {
  const hardest = 200_000;
  it("is near-instant while fewer challenges a minute than units are handed out, the hardest from 50 a unit", () => {
    for (const p of [0, 0.2, 1]) expect(maxNumberFor(p, hardest)).toBe(CALM_MAX_NUMBER);
    for (const p of [50, 80, 1e6]) expect(maxNumberFor(p, hardest)).toBe(hardest);
  });

  it("grows with the pressure, geometrically in between", () => {
    const curve = [1, 2, 5, 10, 20, 50].map((p) => maxNumberFor(p, hardest));
    expect([...curve].sort((a, b) => a - b)).toEqual(curve);
    expect(new Set(curve).size).toBe(curve.length);
    // Halfway on a log scale (√50 ≈ 7.07) is halfway between the two on a log scale.
    expect(maxNumberFor(Math.sqrt(50), hardest)).toBe(Math.round(Math.sqrt(CALM_MAX_NUMBER * hardest)));
  });

  it("counts the units left, with none left as one", () => {
    expect(pressureOf(100, 10)).toBe(10);
    expect(pressureOf(100, 0)).toBe(100);
  });

  it("never asks for more than the hardest, nor less than calm, whatever it is given", () => {
    for (const p of [Number.NaN, -5, Infinity]) {
      const n = maxNumberFor(p, hardest);
      expect(n).toBeGreaterThanOrEqual(CALM_MAX_NUMBER);
      expect(n).toBeLessThanOrEqual(hardest);
    }
  });
});

describe("the browser's solver", () => {
  it("solves what altcha-lib issues, and altcha-lib accepts its payload", async () => {
    for (const number of [0, 1, 777, 5000]) {
      const c = await createChallenge({
        hmacKey: "k",
        maxNumber: 5000,
        number,
        params: { drop: "d", shopper: "s" },
      });
      expect(solve(c)).toBe(number);
      expect(await verifySolution(payloadOf(c, solve(c)!), "k")).toBe(true);
      expect(await verifySolution(payloadOf(c, number + 1), "k")).toBe(false);
    }
  });

  it("gives up past the challenge's maxnumber", async () => {
    const c = await createChallenge({ hmacKey: "k", maxNumber: 100, number: 100 });
    expect(solve({ ...c, maxnumber: 99 })).toBeUndefined();
  });
});
