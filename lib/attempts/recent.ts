import "server-only";
import { attemptBucketsSince, pendingCount, type AttemptBucket } from "@/lib/attempts/counts";
import type { AttemptCounts } from "@/lib/schemas/drop-admin";

const CACHE_MS = 1000;

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
      window?.loading ?? attemptBucketsSince(id, from).then((items) => ({ from, loadedAt: now, items }));
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
  { from: number; loadedAt: number; items: AttemptBucket[]; loading?: Promise<unknown> }
>();
