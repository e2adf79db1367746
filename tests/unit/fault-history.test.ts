// Proves scripts/faults/history.ts: a clean race history passes every verdict, and each kind of bug a
// race can hide (oversell, double claim, excess claims, false SOLD_OUT, lost or untold outcomes) fails
// its own named verdict.
import { describe, expect, it } from "vitest";
import {
  checkHistory,
  formatVerdicts,
  type ClaimOp,
  type FinalState,
  type StockRead,
} from "@/scripts/faults/history";

type Input = Parameters<typeof checkHistory>[0];

/** Three units, three winners (one told only via a settled retry), one shopper turned away. */
function clean(): Input {
  const ops: ClaimOp[] = [
    { shopperId: "s1", key: "k1", outcome: "won", claimId: "c1", at: 10, status: 201 },
    { shopperId: "s2", key: "k2", outcome: "won", claimId: "c2", at: 12, status: 201 },
    { shopperId: "s3", key: "k3", outcome: "unknown", at: 15 },
    { shopperId: "s2", key: "k2", outcome: "replay", claimId: "c2", at: 20, status: 200 },
    { shopperId: "s4", key: "k4", outcome: "refused", code: "SOLD_OUT", at: 30, status: 409 },
  ];
  const reads: StockRead[] = [
    { at: 5, remainingStock: 3, totalStock: 3 },
    { at: 14, remainingStock: 1, totalStock: 3 },
    { at: 25, remainingStock: 0, totalStock: 3 },
  ];
  const final: FinalState = {
    totalStock: 3,
    remainingStock: 0,
    maxPerShopper: 1,
    claims: [
      { id: "c1", shopperId: "s1", status: "held" },
      { id: "c2", shopperId: "s2", status: "confirmed" },
      { id: "c3", shopperId: "s3", status: "held" },
    ],
  };
  return { ops, reads, final, settled: { k3: "c3" } };
}

const failing = (input: Input) =>
  checkHistory(input)
    .verdicts.filter((v) => !v.ok)
    .map((v) => v.name);

describe("checkHistory", () => {
  it("passes every verdict on a clean history", () => {
    const result = checkHistory(clean());
    expect(result.verdicts.map((v) => v.name)).toEqual([
      "each-ok-claim-once",
      "unknown-settles",
      "no-oversell-at-reads",
      "conservation",
      "per-shopper-limit",
      "no-false-sold-out",
      "winners-told",
    ]);
    expect(failing(clean())).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("oversell: a negative read or more live claims than units", () => {
    const h = clean();
    h.reads!.push({ at: 28, remainingStock: -1, totalStock: 3 });
    expect(failing(h)).toEqual(["no-oversell-at-reads"]);

    const g = clean();
    g.final.claims.push({ id: "c5", shopperId: "s5", status: "held" });
    g.final.remainingStock = -1; // conserved, yet oversold
    g.ops.push({ shopperId: "s5", outcome: "won", claimId: "c5", at: 26 });
    expect(failing(g)).toEqual(["no-oversell-at-reads"]);
  });

  it("conservation: units neither remaining nor claimed", () => {
    const h = clean();
    h.final.remainingStock = 1;
    expect(failing(h)).toContain("conservation");
    expect(checkHistory(h).verdicts.find((v) => v.name === "conservation")?.detail).toBe(
      "3 ≠ 1 remaining + 2 held + 1 confirmed",
    );
  });

  it("duplicate claim: two shoppers told they won the same claim", () => {
    const h = clean();
    h.ops.push({ shopperId: "s5", key: "k5", outcome: "won", claimId: "c1", at: 11 });
    expect(failing(h)).toEqual(["each-ok-claim-once"]);
  });

  it("each-ok-claim-once: a won claim missing from the final state, or one key naming two claims", () => {
    const h = clean();
    h.ops.push({ shopperId: "s5", key: "k5", outcome: "won", claimId: "ghost", at: 11 });
    expect(failing(h)).toEqual(["each-ok-claim-once"]);

    const g = clean();
    g.final.totalStock = 4;
    g.final.maxPerShopper = 2;
    g.final.claims.push({ id: "c4", shopperId: "s1", status: "held" });
    g.ops.push({ shopperId: "s1", key: "k1", outcome: "replay", claimId: "c4", at: 13 });
    expect(failing(g)).toEqual(["each-ok-claim-once"]);
  });

  it("over limit: a shopper holds more live claims than allowed", () => {
    const h = clean();
    h.final.totalStock = 4;
    h.final.claims.push({ id: "c4", shopperId: "s1", status: "held" });
    h.ops.push({ shopperId: "s1", key: "k1b", outcome: "won", claimId: "c4", at: 16 });
    expect(failing(h)).toEqual(["per-shopper-limit"]);
  });

  it("released claims do not count against the limit", () => {
    const h = clean();
    h.final.claims.push({ id: "c4", shopperId: "s1", status: "released" }); // its unit went back to stock
    h.ops.push({ shopperId: "s1", key: "k1b", outcome: "won", claimId: "c4", at: 16 });
    expect(failing(h)).toEqual([]);
  });

  it("unsettled unknown: a keyed unknown nobody settled, or settled to someone else's claim", () => {
    const h = clean();
    h.settled = {};
    expect(failing(h)).toEqual(["unknown-settles", "winners-told"]);

    const g = clean();
    g.settled = { k3: "c1" };
    expect(failing(g)).toContain("unknown-settles");
  });

  it("an unknown settled to nothing is fine when the shopper holds nothing", () => {
    const h = clean();
    h.ops.push({ shopperId: "s6", key: "k6", outcome: "unknown", at: 18 });
    h.settled = { ...h.settled, k6: null };
    expect(failing(h)).toEqual([]);
  });

  it("keyless unknowns are reported, and fail only with excess claims", () => {
    const h = clean();
    h.ops.push({ shopperId: "s1", outcome: "unknown", at: 9 });
    expect(failing(h)).toEqual([]);
    expect(checkHistory(h).verdicts[1]?.detail).toBe("1 keyed unknowns settled; 1 without a key");

    h.final.totalStock = 4;
    h.final.claims.push({ id: "c4", shopperId: "s1", status: "held" });
    expect(failing(h)).toEqual(["unknown-settles", "per-shopper-limit"]);
  });

  it("false sold out: the next read, the final state or soldOutAt shows stock left", () => {
    const early = clean();
    early.ops.push({ shopperId: "s5", outcome: "refused", code: "SOLD_OUT", at: 8 }); // read at 14 shows 1 left
    expect(failing(early)).toEqual(["no-false-sold-out"]);
    expect(failing({ ...early, quietPeriodMs: 10 })).toEqual([]); // the next read after 18ms shows 0

    const unsold = clean();
    unsold.final.totalStock = 4;
    unsold.final.remainingStock = 1;
    unsold.reads = [];
    expect(failing(unsold)).toEqual(["no-false-sold-out"]);
    // …unless that unit was stranded during the race and only reconciliation put it back.
    expect(failing({ ...unsold, reconciled: 1 })).toEqual([]);

    expect(failing({ ...clean(), soldOutAt: 40 })).toEqual(["no-false-sold-out"]);
    expect(failing({ ...clean(), soldOutAt: 40, quietPeriodMs: 15 })).toEqual([]);
  });

  it("false sold out is not judged from later sightings once stock went back up", () => {
    const h = clean();
    h.final.totalStock = 4;
    h.final.remainingStock = 1;
    h.final.claims.push({ id: "c4", shopperId: "s5", status: "expired" });
    h.ops.push({ shopperId: "s5", key: "k5", outcome: "won", claimId: "c4", at: 7 });
    h.reads = [{ at: 50, remainingStock: 1, totalStock: 4 }];
    expect(failing(h)).toEqual([]);
    expect(checkHistory(h).verdicts[5]?.detail).toContain("soldOutAt only");
  });

  it("winner not told: a live claim its shopper never heard of", () => {
    const h = clean();
    h.final.totalStock = 4;
    h.final.claims.push({ id: "c9", shopperId: "s9", status: "held" });
    expect(failing(h)).toEqual(["winners-told"]);
  });

  it("formatVerdicts prints one ✓/✗ line per verdict", () => {
    const h = clean();
    h.final.remainingStock = 1;
    const lines = formatVerdicts(checkHistory(h)).split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe("✓ each-ok-claim-once — 3 won/replay answers, each claim once in the final state");
    expect(lines[3]).toBe("✗ conservation — 3 ≠ 1 remaining + 2 held + 1 confirmed");
  });
});
