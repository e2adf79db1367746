import { entriesHash } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";

// The pre-queue's order: the draw's formula (lib/draw/formulas.ts) over the pre-queue's ticket ids,
// so `score = SHA-256(seed:randomness:ticketsHash:ticketId)` ascending, ties by id. The draw's own
// ranking does the sort (36 bytes a ticket beside the ids; 100,000 tickets in ~3.6 MB). Pure.

export type PrequeueOrder = { ticketsHash: string; order: string[] };

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
