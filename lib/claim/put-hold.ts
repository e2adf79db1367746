import "server-only";
import { getClaim } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { claimIndexKeys } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import type { Claim } from "@/lib/schemas/claim";

/** Writes the won claim as a live hold, with its lists (lib/db/lists.ts) and its shard. */
export async function putHold(
  { claimId, dropId, shopperId, now }: { claimId: string; dropId: string; shopperId: string; now: number },
  holdSeconds: number,
  shard: number,
): Promise<Claim> {
  const holdUntil = now + holdSeconds * 1000;
  const claim: Claim = {
    id: claimId,
    dropId,
    shopperId,
    status: "held",
    createdAt: new Date(now).toISOString(),
    holdExpiresAt: new Date(holdUntil).toISOString(),
  };
  try {
    await table.put({
      // stockShard: where the unit goes back when the hold ends (lib/claim/holds.ts).
      Item: { ...keys.claim(claimId), ...claim, holdUntil, stockShard: shard, ...claimIndexKeys.of(claim) },
      ConditionExpression: "attribute_not_exists(pk)", // a claim id is used once
    });
    return claim;
  } catch (err) {
    if (!isRefused(err)) throw err;
    // The SDK resent a Put whose answer was lost: the claim is there, written by us.
    const stored = await getClaim({ id: claimId });
    if (stored?.shopperId === shopperId && stored.dropId === dropId) return stored;
    throw err;
  }
}
