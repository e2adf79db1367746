import { roundAt } from "@/lib/draw/beacon";
import { entriesHash } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";

// A waiting room's pre-queue (lib/queue, docs/waiting-room.md) is shuffled with the draw's formulas,
// and anyone recomputes it (verify-queue.ts): its beacon round and its order are public, so they
// are written here, once, for the server and the verifier alike. Pure and browser-safe.

/**
 * How long after a drop's start its pre-queue is complete: a join's one attempt's bound (20 s,
 * lib/db/connect.ts's ONE_ATTEMPT_DEAD_MS) and a second for the index. lib/queue/settle.ts's
 * SETTLE_MS is this; a number here because the round it fixes is published.
 */
export const PREQUEUE_SETTLE_MS = 21_000;

/** The quicknet round that shuffles a pre-queue closing at `startsAt` (ISO or epoch ms): the first after it is complete. */
export function prequeueRound(startsAt: string | number): number {
  const ms = typeof startsAt === "number" ? startsAt : Date.parse(startsAt);
  return roundAt(ms + PREQUEUE_SETTLE_MS) + 1;
}

export type PrequeueOrder = { ticketsHash: string; order: string[] };

/**
 * The pre-queue's order: the draw's formula (formulas.ts) over the pre-queue's ticket ids, so
 * `score = SHA-256(seed:randomness:ticketsHash:ticketId)` ascending, ties by id. The draw's own
 * ranking does the sort (36 bytes a ticket beside the ids; 100,000 tickets in ~3.6 MB).
 */
export function orderPrequeue({
  seed,
  randomness,
  ticketIds,
}: {
  seed: string;
  randomness: string;
  ticketIds: readonly string[];
}): PrequeueOrder {
  const ticketsHash = entriesHash(ticketIds);
  const { winners } = rankEntries({
    seed,
    randomness,
    entriesHash: ticketsHash,
    entryIds: ticketIds,
    totalStock: ticketIds.length,
  });
  return { ticketsHash, order: winners };
}
