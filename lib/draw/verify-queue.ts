import { entriesHash } from "@/lib/draw/formulas";
import { orderPrequeue, prequeueRound, PREQUEUE_SETTLE_MS } from "@/lib/draw/prequeue";
import {
  checkBeacon,
  checkSeed,
  fixedRound,
  LISTED,
  repeatedIds,
  type DrawVerdict,
} from "@/lib/draw/verify-draw";
import type { QueueProof } from "@/lib/schemas/queue";

// A waiting room's pre-queue recomputed from its proof (GET /api/drops/{id}/queue/proof), by
// anyone: the seed against the commitment, the beacon round (the one prequeueRound fixes from
// startsAt) with its signature and randomness, the tickets' hash and count, and the order itself,
// with the draw's formulas (prequeue.ts). `npm run verify-draw -- --queue` calls this. Pure and
// browser-safe.

/** { ok: true }, or each thing that differs from what the proof's values imply, named. */
export async function verifyQueueProof(
  proof: QueueProof,
  { ticketId }: { ticketId?: string } = {},
): Promise<DrawVerdict> {
  const { revealed } = proof;
  if (revealed === null)
    return {
      ok: false,
      differences: [
        `not drawn yet: the pre-queue's order is revealed ${PREQUEUE_SETTLE_MS / 1000} s after the drop's start (${proof.startsAt}), once every ticket is in`,
      ],
    };
  const differences: string[] = [];
  const { order } = revealed;

  if (revealed.count !== order.length)
    differences.push(`count is ${revealed.count}, but the order has ${order.length} tickets`);
  const repeated = repeatedIds(order);
  for (const id of repeated.slice(0, LISTED))
    differences.push(`ticket ${id} appears more than once in the order`);
  const tickets = repeated.length === 0 ? order : [...new Set(order)];

  const seed = revealed.seed;
  const seedUsable = checkSeed(seed, proof.commitment, differences);

  const hash = entriesHash(order);
  if (revealed.ticketsHash.toLowerCase() !== hash)
    differences.push(
      `ticketsHash differs: tickets were added or removed (published ${revealed.ticketsHash}, the order's tickets hash to ${hash})`,
    );

  let randomness = "";
  if (proof.beacon === null) {
    if (revealed.randomness !== "")
      differences.push(`randomness is "${revealed.randomness}" without a beacon: it should be ""`);
  } else {
    const round = fixedRound(
      `the round after the pre-queue is complete (startsAt + ${PREQUEUE_SETTLE_MS / 1000} s)`,
      `startsAt ${proof.startsAt}`,
      () => prequeueRound(proof.startsAt),
    );
    randomness = await checkBeacon({ ...proof.beacon, randomness: revealed.randomness }, round, differences);
  }

  if (!seedUsable) differences.push("the order cannot be recomputed without the seed");
  else compareOrder(orderPrequeue({ seed, randomness, ticketIds: tickets }).order, order, differences);

  if (ticketId !== undefined && !tickets.includes(ticketId))
    differences.push(`ticket ${ticketId} is MISSING from the published order`);
  return differences.length === 0 ? { ok: true } : { ok: false, differences };
}

/** Names each place whose ticket is not the formula's, the first LISTED of them. */
function compareOrder(expected: string[], published: readonly string[], differences: string[]) {
  const wrong: string[] = [];
  for (let i = 0; i < Math.max(expected.length, published.length); i++) {
    const should = expected[i];
    const is = published[i];
    if (should !== is) wrong.push(`place ${i + 1} should be ${should ?? "nobody"}, is ${is ?? "missing"}`);
  }
  differences.push(...wrong.slice(0, LISTED));
  if (wrong.length > LISTED) differences.push(`…and ${wrong.length - LISTED} more places differ`);
}
