import "server-only";
import { keptPerDrop } from "@/lib/admin/kept-per-drop";
import { listAutoReturns, type AutoReturn } from "@/lib/claim/audit";
import { queryAll } from "@/lib/db/client";
import { indexes, parents } from "@/lib/db/table";
import { pendingCount } from "@/lib/admin/attempt-counts";
import { getOrderTotals } from "@/lib/admin/orders";
import { getCachedDropState } from "@/lib/drop/cache";
import { dropStatus } from "@/lib/drop/status";
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
    getCachedDropState(id, now),
    loadAggregate(id, now),
    getOrderTotals({ dropId: id, now }),
  ]);
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  const counts = Object.fromEntries(outcomes.map((o) => [o, 0])) as AttemptCounts;
  for (const c of [agg.settledTotals, ...agg.tail.values()]) addInto(counts, c);

  // Units claimed per second from the start to now (or the end), at most MAX_POINTS values.
  const start = Math.floor(state.startsAt / 1000);
  const last = Math.floor(Math.min(now, state.endsAt) / 1000);
  const span = last - start + 1;
  const bucketSeconds = Math.max(1, Math.ceil(span / MAX_POINTS));
  const series: number[] = span > 0 ? new Array(Math.ceil(span / bucketSeconds)).fill(0) : [];
  for (const buckets of [agg.settled, agg.tail]) {
    for (const [second, c] of buckets) {
      const i = Math.floor((second - start) / bucketSeconds);
      if (c.CLAIMED && i >= 0 && i < series.length) series[i] = (series[i] ?? 0) + c.CLAIMED / bucketSeconds;
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
    bucketSeconds,
    autoReturns: agg.autoReturns,
    serverTime: new Date(now).toISOString(),
  };
}

/**
 * One outcome summed over the last `seconds` seconds as every server counted it: the flushed
 * counters (one query of that window a second per drop in this process, never the drop's whole
 * history) plus this process's own not yet flushed. The proof of work's measure of pressure.
 */
export async function recentCount({
  id,
  outcome,
  seconds,
  now = Date.now(),
}: {
  id: string;
  outcome: keyof AttemptCounts;
  seconds: number;
  now?: number;
}): Promise<number> {
  const from = Math.floor(now / 1000) - seconds + 1;
  let window = recentWindows.get(id);
  if (!window || now - window.loadedAt >= CACHE_MS || window.from > from) {
    const loading =
      window?.loading ??
      queryAll({
        IndexName: indexes.byParent.name,
        KeyConditionExpression: "gsi1pk = :parent AND gsi1sk >= :from",
        ExpressionAttributeValues: {
          ":parent": parents.attemptsOf(id),
          ":from": String(from).padStart(11, "0"),
        },
      }).then((items) => ({ from, loadedAt: now, items: items as (Counts & { second: number })[] }));
    if (!window) recentWindows.set(id, (window = { from, loadedAt: 0, items: [], loading }));
    else window.loading = loading;
    try {
      Object.assign(window, await loading);
    } finally {
      window.loading = undefined;
    }
    if (recentWindows.size > 1000) recentWindows.delete(recentWindows.keys().next().value as string);
  }
  let sum = pendingCount(id, outcome, from);
  for (const item of window.items) if (item.second >= from) sum += item[outcome] ?? 0;
  return sum;
}
const recentWindows = new Map<
  string,
  { from: number; loadedAt: number; items: (Counts & { second: number })[]; loading?: Promise<unknown> }
>();

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
    queryAll({
      IndexName: indexes.byParent.name,
      KeyConditionExpression: "gsi1pk = :parent AND gsi1sk >= :from",
      ExpressionAttributeValues: {
        ":parent": parents.attemptsOf(id),
        ":from": String(agg.settledBefore).padStart(11, "0"),
      },
    }),
    listAutoReturns(id),
  ]);
  agg.autoReturns = autoReturns;
  for (const item of items) {
    const second = item.second as number;
    addInto(tail.get(second) ?? tail.set(second, {}).get(second)!, item as Counts);
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
