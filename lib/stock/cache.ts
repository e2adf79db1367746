import "server-only";
import { shardOf, withShard } from "@/lib/stock/shards";
import type { DropState, ShardStock } from "@/lib/stock/status";

// In-process cache of the small hot item, at most MAX_AGE_MS stale. Concurrent readers share one
// in-flight load, so 1,000 pollers cost about one read per second per server. The load is the
// caller's: the claim room's returns expired holds as it reads (lib/claim/live-state.ts), which is
// the only loader the app passes.
const MAX_AGE_MS = 1000;
const entries = new Map<string, { at: number; value: Promise<DropState | undefined>; state?: DropState }>();

/** Loads a drop's state when the cache has none fresh enough. */
export type StateLoader = (id: string, now: number) => Promise<DropState | undefined>;

export function getCachedDropState(
  id: string,
  now: number,
  load: StateLoader,
): Promise<DropState | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.value;
  const value = load(id, now);
  const entry: { at: number; value: typeof value; state?: DropState } = { at: now, value };
  entries.set(id, entry);
  value.then(
    (state) => (entry.state = state),
    () => entries.get(id) === entry && entries.delete(id), // never cache a failure
  );
  if (entries.size > 10_000) entries.delete(entries.keys().next().value as string);
  return value;
}

/**
 * The cached state as it stands (this process's own writes applied), with no load. None while a
 * load is in flight: never a state from before this process's own take.
 */
export function peekDropState(id: string): DropState | undefined {
  return entries.get(id)?.state;
}

/**
 * The claim's own write returned its stock item: serve those figures (e.g. stock 0) at once, so
 * requests after the sell-out are refused here instead of by a write that must fail. Keeps the
 * entry's age, so it still reloads (and returns expired holds) on its usual schedule.
 */
export function rememberShard(dropId: string, shard: ShardStock, now = Date.now()): void {
  const hit = entries.get(dropId);
  const state = hit?.state;
  // A load is on its way: it may have read before this write, so apply this after it.
  if (!state)
    return void hit?.value.then(
      () => rememberShard(dropId, shard, now),
      () => undefined,
    );
  const known = shardOf(state, shard.shard);
  // Concurrent wins return in any order: never let an older decrement overwrite a newer one.
  if (known && sameShard(known, shard) && known.remainingStock <= shard.remainingStock) return;
  const next = withShard(state, shard);
  entries.set(dropId, { at: hit.at ?? now, value: Promise.resolve(next), state: next });
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
