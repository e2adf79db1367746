import "server-only";
import { QUICKNET } from "@/lib/draw/beacon";
import { prequeueRound } from "@/lib/draw/prequeue";
import { roomOf } from "@/lib/queue/join";
import { lineOf } from "@/lib/queue/line";
import { readQueueSeed } from "@/lib/queue/seed";
import type { QueueProof } from "@/lib/schemas/queue";

// GET /api/drops/{id}/queue/proof: the commitment from the room's creation; once the pre-queue is
// drawn, the seed, the randomness (and the beacon round's signature), the tickets' hash and count
// and the order, so anyone recomputes it with the draw's formulas (lib/draw/prequeue.ts) and checks
// the seed against the commitment: lib/draw/verify-queue.ts, `npm run verify-draw -- --queue`.

export async function queueProof({
  dropId,
  now = Date.now(),
}: {
  dropId: string;
  now?: number;
}): Promise<QueueProof> {
  const { drop, lineDrop } = await roomOf(dropId, now, true); // published after the drop too
  const seed = await readQueueSeed(dropId);
  if (!seed) throw new Error(`Drop ${dropId} has a waiting room but no committed seed`);
  const line = await lineOf(lineDrop, now);
  const { drawn } = line;
  return {
    dropId,
    startsAt: new Date(drop.startsAt).toISOString(),
    commitment: seed.commitment,
    beacon:
      seed.beacon === "quicknet"
        ? {
            network: QUICKNET.network,
            round: prequeueRound(drop.startsAt),
            ...(drawn?.signature !== undefined && { signature: drawn.signature }),
          }
        : null,
    revealed: drawn
      ? {
          seed: seed.seed,
          randomness: drawn.randomness,
          ticketsHash: drawn.ticketsHash,
          count: drawn.order.length,
          order: drawn.order,
        }
      : null,
  };
}
