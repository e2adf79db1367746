import "server-only";
import { getDropStateReleasingExpired } from "@/lib/holds";
import type { DropState } from "@/lib/drop-status";

// In-process cache of the small hot item, at most MAX_AGE_MS stale. Concurrent readers share one
// in-flight load, so 1,000 pollers cost about two reads per second per server (the item, and
// the query for expired holds that returns their units).
const MAX_AGE_MS = 1000;
const entries = new Map<string, { at: number; value: Promise<DropState | undefined> }>();

export function getCachedDropState(id: string, now = Date.now()): Promise<DropState | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.value;
  const value = getDropStateReleasingExpired({ id, now });
  entries.set(id, { at: now, value });
  value.catch(() => entries.delete(id)); // never cache a failure
  if (entries.size > 10_000) entries.delete(entries.keys().next().value as string);
  return value;
}

/**
 * The claim's own write returned the item: serve that (e.g. stock 0) at once, so requests after the
 * sell-out are refused here instead of by a write that must fail. Keeps the entry's age, so it still
 * reloads (and returns expired holds) on its usual schedule.
 */
export function rememberDropState(state: DropState, now = Date.now()): void {
  entries.set(state.id, { at: entries.get(state.id)?.at ?? now, value: Promise.resolve(state) });
}

/** Called after this process writes a drop, so its own next read is fresh. */
export function invalidateDropState(id: string): void {
  entries.delete(id);
}
