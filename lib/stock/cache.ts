import "server-only";
import { shardOf, withShard } from "@/lib/stock/shards";
import type { DropState, ShardStock } from "@/lib/stock/status";

// In-process cache of the small hot item, at most MAX_AGE_MS stale. Concurrent readers share one
// in-flight load, so 1,000 pollers cost about one read per second per server. The load is the
// caller's: the claim room's returns expired holds as it reads (lib/claim/live-state.ts), which is
// the only loader the app passes.
const MAX_AGE_MS = 1000;

type Entry = {
  at: number;
  value: Promise<DropState | undefined>;
  /** The state once loaded, with this process's takes since. */
  state?: DropState;
  /** While a load is in flight: this process's takes answered meanwhile, applied when it lands… */
  pending: ShardStock[];
  /** …and the state before it, with those takes, for a peek meanwhile. */
  previous?: DropState;
};
const entries = new Map<string, Entry>();

/** Loads a drop's state when the cache has none fresh enough. */
export type StateLoader = (id: string, now: number) => Promise<DropState | undefined>;

export function getCachedDropState(
  id: string,
  now: number,
  load: StateLoader,
): Promise<DropState | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.value;
  // A reload that found the last one still in flight keeps that one's `previous` for peeks.
  const previous = hit?.state ?? hit?.previous;
  const entry: Entry = { at: now, value: Promise.resolve(undefined), pending: [], previous };
  // The load may have read before a take this process answered while it was in flight: every
  // reader waiting on it gets the state with those takes (the last unit taken reads sold out).
  entry.value = load(id, now).then((loaded) => {
    entry.state = loaded && entry.pending.reduce(applyShard, loaded);
    entry.pending = [];
    entry.previous = undefined;
    return entry.state;
  });
  entries.set(id, entry);
  entry.value.catch(() => entries.get(id) === entry && entries.delete(id)); // never cache a failure
  if (entries.size > 10_000) entries.delete(entries.keys().next().value as string);
  return entry.value;
}

/**
 * The cached state as it stands (this process's own writes applied), with no load. While a reload
 * is in flight, the state before it with this process's takes since: never one from before them.
 */
export function peekDropState(id: string): DropState | undefined {
  const entry = entries.get(id);
  return entry?.state ?? entry?.previous;
}

/** `state` with one shard's figures from a take's answer, unless it already knows newer ones. */
function applyShard(state: DropState, shard: ShardStock): DropState {
  const known = shardOf(state, shard.shard);
  // Concurrent wins return in any order: never let an older decrement overwrite a newer one.
  if (known && sameShard(known, shard) && known.remainingStock <= shard.remainingStock) return state;
  return withShard(state, shard);
}

/**
 * The claim's own write returned its stock item: serve those figures (e.g. stock 0) at once, so
 * requests after the sell-out are refused here instead of by a write that must fail. Keeps the
 * entry's age, so it still reloads (and returns expired holds) on its usual schedule.
 */
export function rememberShard(dropId: string, shard: ShardStock): void {
  const hit = entries.get(dropId);
  if (!hit) return;
  if (!hit.state) {
    // A load is on its way: it may have read before this write, so this is applied when it lands.
    hit.pending.push(shard);
    if (hit.previous) hit.previous = applyShard(hit.previous, shard);
    return;
  }
  const next = applyShard(hit.state, shard);
  if (next !== hit.state) entries.set(dropId, { ...hit, value: Promise.resolve(next), state: next });
}

/** A write found this shard empty: later claims here skip it until the next load. */
export function forgetShardStock(dropId: string, shard: number): void {
  const state = entries.get(dropId)?.state;
  const known = state && shardOf(state, shard);
  if (!state?.shards || !known) return invalidateDropState(dropId); // one shard: load afresh
  rememberShard(dropId, { ...known, remainingStock: 0 });
}

const sameShard = (a: ShardStock, b: ShardStock) =>
  a.totalStock === b.totalStock && a.phase === b.phase && a.startsAt === b.startsAt && a.endsAt === b.endsAt;

/** Called after this process writes a drop, so its own next read is fresh. */
export function invalidateDropState(id: string): void {
  entries.delete(id);
}
