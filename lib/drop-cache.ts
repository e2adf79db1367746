import "server-only";
import { getDropState } from "@/lib/drops";
import type { DropState } from "@/lib/drop-status";

// In-process cache of the small hot item, at most MAX_AGE_MS stale. Concurrent readers share one
// in-flight GetItem, so 1,000 pollers cost about one read per second per server.
const MAX_AGE_MS = 1000;
const entries = new Map<string, { at: number; value: Promise<DropState | undefined> }>();

export function getCachedDropState(id: string, now = Date.now()): Promise<DropState | undefined> {
  const hit = entries.get(id);
  if (hit && now - hit.at < MAX_AGE_MS) return hit.value;
  const value = getDropState({ id });
  entries.set(id, { at: now, value });
  value.catch(() => entries.delete(id)); // never cache a failure
  if (entries.size > 10_000) entries.delete(entries.keys().next().value as string);
  return value;
}

/** Called after this process writes a drop, so its own next read is fresh. */
export function invalidateDropState(id: string): void {
  entries.delete(id);
}
