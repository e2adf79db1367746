import "server-only";
import { getCachedDropState } from "@/lib/drop/cache";

// Per-process admission to THE write: no more stock writes in flight than the cached stock says
// are left. Requests racing for the last units wait for the in-flight answers instead of sending
// writes that must fail (each costs a write unit on the hot item). The write's own condition stays
// the only guard against overselling; this only saves doomed writes, so a waiter never waits long.
const inFlight = new Map<string, number>();
const waiters = new Map<string, Set<() => void>>();
const RECHECK_MS = 50;
const MAX_WAIT_MS = 2000;

export type Admission = { release: () => void };

/** Resolves once a write may go (call `release` when it has its answer), or undefined when sold out. */
export async function admitTake(dropId: string): Promise<Admission | undefined> {
  const giveUpAt = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const now = Date.now();
    const left = (await getCachedDropState(dropId, now))?.remainingStock ?? 0;
    if (left <= 0) return undefined;
    const busy = inFlight.get(dropId) ?? 0;
    if (busy < left || now >= giveUpAt) {
      inFlight.set(dropId, busy + 1);
      return { release: () => release(dropId) };
    }
    await new Promise<void>((resolve) => {
      const set = waiters.get(dropId) ?? waiters.set(dropId, new Set()).get(dropId)!;
      const wake = () => {
        set.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, RECHECK_MS); // the cache may learn of stock from elsewhere
      set.add(wake);
    });
  }
}

function release(dropId: string): void {
  const busy = (inFlight.get(dropId) ?? 1) - 1;
  if (busy > 0) inFlight.set(dropId, busy);
  else inFlight.delete(dropId);
  for (const wake of [...(waiters.get(dropId) ?? [])]) wake();
}
