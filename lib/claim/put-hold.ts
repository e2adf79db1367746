import "server-only";
import { getClaim } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { claimIndexKeys } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import type { Claim, Order } from "@/lib/schemas/claim";

/**
 * What a draw winner's hold starts with: the order sent at entry and, while its card is authorised,
 * the payment that pays it (lib/claim/paid.ts captures it).
 */
export type HoldPaid = { pendingOrder: Order; paymentId?: string };

/** Writes the won claim as a live hold, with its lists (lib/db/lists.ts) and its shard. */
export async function putHold(
  { claimId, dropId, shopperId, now }: { claimId: string; dropId: string; shopperId: string; now: number },
  holdSeconds: number,
  shard: number,
  paid?: HoldPaid,
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
      Item: {
        ...keys.claim(claimId),
        ...claim,
        holdUntil,
        stockShard: shard,
        ...claimIndexKeys.of(claim, paid?.paymentId !== undefined),
        ...(paid ? { pendingOrder: paid.pendingOrder } : {}),
        ...(paid?.paymentId ? { paymentId: paid.paymentId } : {}),
      },
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
