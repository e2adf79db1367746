import "server-only";
import { getLiveState } from "@/lib/claim/live-state";
import { shardOf } from "@/lib/stock/shards";
import { timed } from "@/lib/server-timing";

// Per-process admission to THE write, per stock shard: no more stock writes in flight than the
// cached stock says are left on it. Requests racing for the last units wait for the in-flight answers instead of sending
// writes that must fail (each costs a write unit on the hot item). The write's own condition stays
// the only guard against overselling; this only saves doomed writes, so a waiter never waits long.
const inFlight = new Map<string, number>();
/** Who waits at each gate, by ticket (first come, first in): each one's wake-up. */
const queues = new Map<string, { ticket: number; wake: () => void }[]>();
let tickets = 0;
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
  const ticket = ++tickets; // its place in line, kept through every recheck
  for (;;) {
    const now = Date.now();
    const state = await getLiveState(dropId, now);
    const left = (state && (shard === undefined ? state : shardOf(state, shard))?.remainingStock) ?? 0;
    if (left <= 0) {
      wakeAll(gate); // sold out: every waiter has its answer now
      return undefined;
    }
    const busy = inFlight.get(gate) ?? 0;
    if (busy < left || now >= giveUpAt) {
      inFlight.set(gate, busy + 1);
      if (busy + 1 < left) wakeFirst(gate); // room for more (the cache learned of stock): pass it on
      let released = false;
      return {
        release: () => {
          if (!released) release(gate);
          released = true;
        },
      };
    }
    await timed("gate", () => waitAt(gate, ticket));
  }
}

/**
 * A write's answer frees one place, so it wakes one waiter, not all: after a unit is taken there
 * is no room for any (one fewer write in flight, one fewer unit left), after a refusal room for one.
 */
function release(gate: string): void {
  const busy = (inFlight.get(gate) ?? 1) - 1;
  if (busy > 0) inFlight.set(gate, busy);
  else inFlight.delete(gate);
  wakeFirst(gate);
}

/**
 * Waits in line to be woken, or RECHECK_MS (the cache may learn of stock from elsewhere). A waiter
 * woken without room (the write that woke it took a unit) comes back to its own place.
 */
function waitAt(gate: string, ticket: number): Promise<void> {
  return new Promise((resolve) => {
    const queue = queues.get(gate) ?? queues.set(gate, []).get(gate)!;
    const entry = {
      ticket,
      wake: () => {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
        if (queue.length === 0 && queues.get(gate) === queue) queues.delete(gate);
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(entry.wake, RECHECK_MS);
    let at = queue.length;
    while (at > 0 && queue[at - 1]!.ticket > ticket) at--;
    queue.splice(at, 0, entry);
  });
}

const wakeFirst = (gate: string) => queues.get(gate)?.[0]?.wake();
const wakeAll = (gate: string) => [...(queues.get(gate) ?? [])].forEach((waiter) => waiter.wake());
