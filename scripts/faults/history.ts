// A Jepsen-style checker for the history of one race against one drop: what each shopper was told,
// stock reads taken during the race, and the final state in the database. Pure (no I/O), so the
// integration tests, the benchmark and the race CLI share one definition of "correct".
export type ClaimOp = {
  shopperId: string;
  key?: string; // Idempotency-Key (the same for a client's retries of one intent)
  outcome: "won" | "replay" | "refused" | "unknown"; // unknown: no definite answer before the client gave up
  claimId?: string; // for won/replay
  code?: string; // for refused, e.g. "SOLD_OUT", "LIMIT_REACHED"
  at: number; // ms, when the answer arrived
  status?: number;
};
export type StockRead = { at: number; remainingStock: number; totalStock: number };
export type FinalState = {
  totalStock: number;
  remainingStock: number;
  claims: { id: string; shopperId: string; status: "held" | "confirmed" | "released" | "expired" }[];
  maxPerShopper: number;
};
export type Verdict = { name: string; ok: boolean; detail: string };
export type HistoryResult = { ok: boolean; verdicts: Verdict[] };
export type HistoryInput = {
  ops: ClaimOp[];
  reads?: StockRead[];
  final: FinalState;
  /** keys whose unknown outcomes were settled by a later retry: key -> claimId or null (took nothing) */
  settled?: Record<string, string | null>;
  /** slack, in ms, before the SOLD_OUT rules trust the order of an answer and a read (see noFalseSoldOut) */
  quietPeriodMs?: number;
  /** first time the drop's stock really reached 0, if the caller knows it */
  soldOutAt?: number;
  /**
   * Units reconciliation put back after the race: stranded during it (taken, no claim), so not for
   * sale then. A SOLD_OUT while only stranded units were left is the quiet period, not a false one.
   */
  reconciled?: number;
};

const isLive = (c: FinalState["claims"][number]) => c.status === "held" || c.status === "confirmed";
const isOk = (o: ClaimOp) => o.outcome === "won" || o.outcome === "replay";

function tally<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(keyOf(item), [...(out.get(keyOf(item)) ?? []), item]);
  return out;
}

/** A verdict that fails when there are problems; shows the first few so a report stays readable. */
function verdict(name: string, problems: Iterable<string>, okDetail: string): Verdict {
  const list = [...new Set(problems)];
  if (list.length === 0) return { name, ok: true, detail: okDetail };
  const more = list.length > 3 ? `; and ${list.length - 3} more` : "";
  return { name, ok: false, detail: list.slice(0, 3).join("; ") + more };
}

export function checkHistory(input: HistoryInput): HistoryResult {
  const { ops, reads = [], final, settled = {}, quietPeriodMs = 0 } = input;
  const byId = tally(final.claims, (c) => c.id);
  const live = final.claims.filter(isLive);
  const liveBy = tally(live, (c) => c.shopperId);
  const holds = (shopperId: string, claimId: string) => byId.get(claimId)?.[0]?.shopperId === shopperId;
  const wasSettled = (key: string) => Object.hasOwn(settled, key);

  const answered = ops.filter(isOk);
  const eachOnce: string[] = [];
  for (const o of answered) {
    if (o.claimId === undefined) eachOnce.push(`${o.shopperId} was told "${o.outcome}" without a claim id`);
    else if ((byId.get(o.claimId)?.length ?? 0) !== 1)
      eachOnce.push(`claim ${o.claimId} appears ${byId.get(o.claimId)?.length ?? 0}× in the final state`);
    else if (!holds(o.shopperId, o.claimId))
      eachOnce.push(`claim ${o.claimId} was told to ${o.shopperId}, not its owner`);
  }
  const wins = tally(
    ops.filter((o) => o.outcome === "won" && o.claimId !== undefined),
    (o) => o.claimId ?? "",
  );
  for (const [id, w] of wins)
    if (w.length > 1) eachOnce.push(`claim ${id} was answered "won" ${w.length} times`);
  // One intent (key) must name one claim, however often it was retried.
  for (const [key, k] of tally(
    answered.filter((o) => o.key !== undefined),
    (o) => o.key ?? "",
  )) {
    const ids = new Set(k.map((o) => o.claimId));
    const s = settled[key];
    if (typeof s === "string") ids.add(s);
    if (ids.size > 1) eachOnce.push(`key ${key} was answered with claims ${[...ids].join(", ")}`);
  }

  const unknowns = ops.filter((o) => o.outcome === "unknown");
  const keyless = unknowns.filter((o) => o.key === undefined);
  const unsettled: string[] = [];
  for (const o of unknowns) {
    if (o.key === undefined) continue;
    const s = settled[o.key];
    if (!wasSettled(o.key)) unsettled.push(`key ${o.key} (${o.shopperId}) never settled`);
    else if (typeof s === "string" && !holds(o.shopperId, s))
      unsettled.push(`key ${o.key} settled to ${s}, which ${o.shopperId} does not hold`);
  }
  // Without a key a client cannot find out what happened; that is only a bug if it shows as excess claims.
  for (const shopper of new Set(keyless.map((o) => o.shopperId))) {
    const n = liveBy.get(shopper)?.length ?? 0;
    if (n > final.maxPerShopper) unsettled.push(`${shopper} had keyless unknowns and holds ${n} live claims`);
  }

  const oversold: string[] = [];
  for (const r of reads) {
    if (r.remainingStock < 0) oversold.push(`read at ${r.at}ms shows ${r.remainingStock} remaining`);
    if (r.remainingStock > r.totalStock)
      oversold.push(`read at ${r.at}ms shows ${r.remainingStock} remaining of ${r.totalStock}`);
  }
  if (live.length > final.totalStock)
    oversold.push(`${live.length} live claims for ${final.totalStock} units`);

  const held = live.filter((c) => c.status === "held").length;
  const confirmed = live.length - held;
  const sum = `${final.remainingStock} remaining + ${held} held + ${confirmed} confirmed`;

  const overLimit = [...liveBy]
    .filter(([, c]) => c.length > final.maxPerShopper)
    .map(([s, c]) => `${s} holds ${c.length} live claims (limit ${final.maxPerShopper})`);

  const untold: string[] = [];
  const told = new Set(answered.map((o) => o.shopperId));
  for (const [shopper, claims] of liveBy) {
    if (told.has(shopper)) continue;
    const mine = unknowns.filter((o) => o.shopperId === shopper);
    // An unknown answer only tells the shopper once a retry of its key settles to a claim.
    if (!mine.some((o) => o.key !== undefined && typeof settled[o.key] === "string"))
      untold.push(
        `${shopper} holds ${claims.length} live claim(s) but was never told (${mine.length} unknown)`,
      );
  }

  const verdicts = [
    verdict(
      "each-ok-claim-once",
      eachOnce,
      `${answered.length} won/replay answers, each claim once in the final state`,
    ),
    verdict(
      "unknown-settles",
      unsettled,
      `${unknowns.length - keyless.length} keyed unknowns settled; ${keyless.length} without a key`,
    ),
    verdict(
      "no-oversell-at-reads",
      oversold,
      `${reads.length} reads in range; ${live.length} live claims ≤ ${final.totalStock}`,
    ),
    final.totalStock === held + confirmed + final.remainingStock
      ? { name: "conservation", ok: true, detail: `${final.totalStock} = ${sum}` }
      : { name: "conservation", ok: false, detail: `${final.totalStock} ≠ ${sum}` },
    verdict(
      "per-shopper-limit",
      overLimit,
      `${liveBy.size} shoppers hold live claims, none over ${final.maxPerShopper}`,
    ),
    noFalseSoldOut(input, quietPeriodMs),
    verdict("winners-told", untold, `all ${liveBy.size} shoppers with live claims were told`),
  ];
  return { ok: verdicts.every((v) => v.ok), verdicts };
}

/**
 * A SOLD_OUT answered at time t is false when the history proves a unit was still unsold at t:
 *  - soldOutAt (when given): t < soldOutAt - quietPeriodMs.
 *  - When stock can only have gone down (no claim in the final state is released or expired, and
 *    every read has the final totalStock, i.e. no restock), any later sighting of stock > 0 proves
 *    it was > 0 at t:
 *    - the final state still has remainingStock > 0: every SOLD_OUT is false;
 *    - the first read answered after t + quietPeriodMs shows remainingStock > 0.
 *    quietPeriodMs is slack for a read already in flight when the answer was sent.
 * Limitation: once stock has gone back up (releases, expiries, restocks, a stranded unit returned by
 * a sweeper) later sightings prove nothing, so only soldOutAt is checked then.
 */
function noFalseSoldOut(input: HistoryInput, quietPeriodMs: number): Verdict {
  const { ops, final, soldOutAt, reconciled = 0 } = input;
  const unsold = final.remainingStock - reconciled;
  const reads = [...(input.reads ?? [])].sort((a, b) => a.at - b.at);
  const soldOuts = ops.filter((o) => o.outcome === "refused" && o.code === "SOLD_OUT");
  const monotone =
    !final.claims.some((c) => c.status === "released" || c.status === "expired") &&
    reads.every((r) => r.totalStock === final.totalStock);
  const problems: string[] = [];
  for (const { at: t, shopperId } of soldOuts) {
    if (soldOutAt !== undefined && t < soldOutAt - quietPeriodMs)
      problems.push(`${shopperId} told SOLD_OUT at ${t}ms, before stock reached 0 at ${soldOutAt}ms`);
    if (!monotone) continue;
    if (unsold > 0)
      problems.push(`${shopperId} told SOLD_OUT at ${t}ms, yet ${unsold} unit(s) were never sold`);
    const next = reads.find((r) => r.at > t + quietPeriodMs);
    if (next && next.remainingStock > 0)
      problems.push(
        `${shopperId} told SOLD_OUT at ${t}ms, but the read at ${next.at}ms shows ${next.remainingStock} left`,
      );
  }
  const scope = monotone ? "final state and reads" : "stock went back up, so soldOutAt only";
  return verdict(
    "no-false-sold-out",
    problems,
    `${soldOuts.length} SOLD_OUT answers, none contradicted (${scope})`,
  );
}

export function formatVerdicts(result: HistoryResult): string {
  return result.verdicts.map((v) => `${v.ok ? "✓" : "✗"} ${v.name} — ${v.detail}`).join("\n");
}
