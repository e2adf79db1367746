import "server-only";
import { getDropStateReleasingExpired } from "@/lib/claim/holds";
import type { DropState } from "@/lib/drop/status";

// In-process cache of the small hot item, at most MAX_AGE_MS stale. Concurrent readers share one
// in-flight load, so 1,000 pollers cost about one read per second per server (plus a query of the
// live-holds index only when a hold of the drop can be due, lib/claim/holds.ts).
const MAX_AGE_MS = 1000;
const entries = new Map<string, { at: number; value: Promise<DropState | undefined>; state?: DropState }>();

export function getCachedDropState(id: string, now = Date.now()): Promise<DropState | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.value;
  const value = getDropStateReleasingExpired({ id, now });
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
 * The claim's own write returned the item: serve that (e.g. stock 0) at once, so requests after the
 * sell-out are refused here instead of by a write that must fail. Keeps the entry's age, so it still
 * reloads (and returns expired holds) on its usual schedule.
 */
export function rememberDropState(state: DropState, now = Date.now()): void {
  const hit = entries.get(state.id);
  // Concurrent wins return in any order: never let an older decrement overwrite a newer one.
  if (hit?.state && sameSettings(hit.state, state) && hit.state.remainingStock <= state.remainingStock)
    return;
  entries.set(state.id, { at: hit?.at ?? now, value: Promise.resolve(state), state });
}

const sameSettings = (a: DropState, b: DropState) =>
  a.totalStock === b.totalStock && a.phase === b.phase && a.startsAt === b.startsAt && a.endsAt === b.endsAt;

/** Called after this process writes a drop, so its own next read is fresh. */
export function invalidateDropState(id: string): void {
  entries.delete(id);
}
