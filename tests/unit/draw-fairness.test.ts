// Fairness (issue 23): over 2,000 draws of 10 entrants for 3 units, each entrant's win count passes
// a chi-square test against the 600 wins a fair draw expects. The seeds and beacon values are fresh
// for every draw but derived from its number, so the test is the same on every run: it cannot flake.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { entriesHash } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";

const DRAWS = 2_000;
const STOCK = 3;
const ENTRANTS = Array.from({ length: 10 }, (_, i) => `ent_shopper${i}`);
/** The 0.999 quantile of χ² with 9 degrees of freedom: a fair draw exceeds it with p = 0.001. */
const CHI_SQUARE_9_P001 = 27.877;

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Pearson's χ² of `counts` against the same expectation for each. */
function chiSquare(counts: number[], expected: number): number {
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

/** How often each entrant won, and came first, over DRAWS draws. */
function tally() {
  const hash = entriesHash(ENTRANTS);
  const wins = new Map(ENTRANTS.map((id) => [id, 0]));
  const firsts = new Map(ENTRANTS.map((id) => [id, 0]));
  for (let draw = 0; draw < DRAWS; draw++) {
    const { winners } = rankEntries({
      seed: sha256Hex(`fairness seed ${draw}`),
      randomness: sha256Hex(`fairness beacon ${draw}`),
      entriesHash: hash,
      entryIds: ENTRANTS,
      totalStock: STOCK,
    });
    for (const id of winners) wins.set(id, wins.get(id)! + 1);
    firsts.set(winners[0]!, firsts.get(winners[0]!)! + 1);
  }
  return { wins, firsts };
}

describe("the draw is fair", () => {
  const { wins, firsts } = tally();

  it("each entrant's win count passes χ² (df = 9, p > 0.001)", () => {
    const counts = [...wins.values()];
    expect(counts.reduce((a, b) => a + b)).toBe(DRAWS * STOCK);
    const expected = (DRAWS * STOCK) / ENTRANTS.length; // 600
    expect(chiSquare(counts, expected)).toBeLessThan(CHI_SQUARE_9_P001);
  });

  it("first place too, and the test does catch a biased draw", () => {
    expect(chiSquare([...firsts.values()], DRAWS / ENTRANTS.length)).toBeLessThan(CHI_SQUARE_9_P001);
    // A draw that favours three entrants a little (each wins 680 times instead of 600) fails.
    const biased = ENTRANTS.map((_, i) => (i < 3 ? 680 : 600 - (3 * 80) / 7));
    expect(chiSquare(biased, 600)).toBeGreaterThan(CHI_SQUARE_9_P001);
  });
});
