import "server-only";
import { keptPerDrop } from "@/lib/admin/kept-per-drop";
import { listAutoReturns, type AutoReturn } from "@/lib/claim/audit";
import { attemptBucketsSince } from "@/lib/attempts/counts";
import { getOrderTotals } from "@/lib/admin/orders";
import { getLiveState } from "@/lib/claim/live-state";
import { dropStatus } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";
import { attemptOutcomes, type AttemptCounts, type DropMetrics } from "@/lib/schemas/drop-admin";

// The live view's numbers, cheap to poll: the drop item comes from the ≤ 1 s drop cache, and the
// attempt buckets are read incrementally. Seconds older than SETTLE_SECONDS are folded into an
// in-process aggregate once and never read again; each poll queries only the recent tail.
// Concurrent pollers in one process share one load per second.

const SETTLE_SECONDS = 5; // counters flush ≤ ~2 s after their second ends
const CACHE_MS = 1000;
const MAX_POINTS = 300;

type Counts = Partial<AttemptCounts>;
type Aggregate = {
  settledBefore: number; // every bucket of an earlier second is in `settled`
  settled: Map<number, Counts>;
  settledTotals: Counts;
  tail: Map<number, Counts>;
  /** The sweeper's returns of stranded units (lib/claim/audit.ts), read with the buckets. */
  autoReturns: AutoReturn[];
  loadedAt: number;
  loading?: Promise<void>;
};
const outcomes = attemptOutcomes;

export async function getDropMetrics({
  id,
  now = Date.now(),
}: {
  id: string;
  now?: number;
}): Promise<DropMetrics> {
  const [state, agg, orders] = await Promise.all([
    getLiveState(id, now),
    loadAggregate(id, now),
    getOrderTotals({ dropId: id, now }),
  ]);
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  const counts = Object.fromEntries(outcomes.map((o) => [o, 0])) as AttemptCounts;
  for (const c of [agg.settledTotals, ...agg.tail.values()]) addInto(counts, c);

  // Units claimed (a draw: entries) per second from the start to now (or the end), at most MAX_POINTS values.
  const counted = state.mode === "draw" ? "ENTERED" : "CLAIMED";
  const start = Math.floor(state.startsAt / 1000);
  const last = Math.floor(Math.min(now, state.endsAt) / 1000);
  const span = last - start + 1;
  const bucketSeconds = Math.max(1, Math.ceil(span / MAX_POINTS));
  const series: number[] = span > 0 ? new Array(Math.ceil(span / bucketSeconds)).fill(0) : [];
  for (const buckets of [agg.settled, agg.tail]) {
    for (const [second, c] of buckets) {
      const i = Math.floor((second - start) / bucketSeconds);
      const n = c[counted];
      if (n && i >= 0 && i < series.length) series[i] = (series[i] ?? 0) + n / bucketSeconds;
    }
  }
  return {
    dropId: id,
    status: dropStatus(state, now),
    remainingStock: Math.max(0, state.remainingStock),
    totalStock: state.totalStock,
    sold: state.totalStock - Math.max(0, state.remainingStock),
    counts,
    ...orders,
    startsAt: new Date(state.startsAt).toISOString(),
    endsAt: new Date(state.endsAt).toISOString(),
    series,
    seriesOf: counted === "ENTERED" ? "entries" : "claims",
    bucketSeconds,
    autoReturns: agg.autoReturns,
    serverTime: new Date(now).toISOString(),
  };
}

const loadAggregate = keptPerDrop<Aggregate>({
  everyMs: CACHE_MS,
  create: () => ({
    settledBefore: 0,
    settled: new Map(),
    settledTotals: {},
    tail: new Map(),
    autoReturns: [],
    loadedAt: 0,
  }),
  refresh,
});

/** Reads the buckets from `settledBefore` on; folds the ones now settled into the aggregate. */
async function refresh(id: string, agg: Aggregate, now: number): Promise<void> {
  const tail = new Map<number, Counts>();
  const [items, autoReturns] = await Promise.all([
    attemptBucketsSince(id, agg.settledBefore),
    listAutoReturns(id),
  ]);
  agg.autoReturns = autoReturns;
  for (const item of items) {
    const second = item.second as number;
    addInto(tail.get(second) ?? tail.set(second, {}).get(second)!, item);
  }

  const settleBefore = Math.max(agg.settledBefore, Math.floor(now / 1000) - SETTLE_SECONDS);
  for (const [second, c] of tail) {
    if (second >= settleBefore) continue;
    agg.settled.set(second, addInto(agg.settled.get(second) ?? {}, c));
    addInto(agg.settledTotals, c);
    tail.delete(second);
  }
  agg.settledBefore = settleBefore;
  agg.tail = tail;
  agg.loadedAt = now;
}

function addInto<T extends Counts>(into: T, from: Counts): T {
  for (const o of outcomes) if (typeof from[o] === "number") into[o] = (into[o] ?? 0) + from[o];
  return into;
}
