import "server-only";
import { getCachedDropState } from "@/lib/drop/cache";
import { shardOf } from "@/lib/drop/shards";
import { timed } from "@/lib/server-timing";

// Per-process admission to THE write, per stock shard: no more stock writes in flight than the
// cached stock says are left on it. Requests racing for the last units wait for the in-flight answers instead of sending
// writes that must fail (each costs a write unit on the hot item). The write's own condition stays
// the only guard against overselling; this only saves doomed writes, so a waiter never waits long.
const inFlight = new Map<string, number>();
const waiters = new Map<string, Set<() => void>>();
const RECHECK_MS = 50;
const MAX_WAIT_MS = 2000;

export type Admission = { release: () => void };

/**
 * Resolves once a write may go (call `release` when it has its answer; twice is once), or
 * undefined when the cache says no unit is left: on the whole drop, or on one `shard`.
 */
export async function admitTake(dropId: string, shard?: number): Promise<Admission | undefined> {
  const gate = shard === undefined ? dropId : `${dropId}#${shard}`;
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const now = Date.now();
    const state = await getCachedDropState(dropId, now);
    const left = (state && (shard === undefined ? state : shardOf(state, shard))?.remainingStock) ?? 0;
    if (left <= 0) return undefined;
    const busy = inFlight.get(gate) ?? 0;
    if (busy < left || now >= giveUpAt) {
      inFlight.set(gate, busy + 1);
      let released = false;
      return {
        release: () => {
          if (!released) release(gate);
          released = true;
        },
      };
    }
    await timed(
      "gate",
      () =>
        new Promise<void>((resolve) => {
          const set = waiters.get(gate) ?? waiters.set(gate, new Set()).get(gate)!;
          const wake = () => {
            set.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, RECHECK_MS); // the cache may learn of stock from elsewhere
          set.add(wake);
        }),
    );
  }
}

function release(gate: string): void {
  const busy = (inFlight.get(gate) ?? 1) - 1;
  if (busy > 0) inFlight.set(gate, busy);
  else inFlight.delete(gate);
  for (const wake of [...(waiters.get(gate) ?? [])]) wake();
}
