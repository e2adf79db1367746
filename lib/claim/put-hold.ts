import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { getClaim } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { claimIndexKeys, keys } from "@/lib/db/table";
import type { Claim } from "@/lib/schemas/claim";

/** Writes the won claim as a live hold, with its index keys (lib/db/table.ts) and its shard. */
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
    await db().send(
      new PutCommand({
        TableName: tableName(),
        // stockShard: where the unit goes back when the hold ends (lib/claim/holds.ts).
        Item: { ...keys.claim(claimId), ...claim, holdUntil, stockShard: shard, ...claimIndexKeys.of(claim) },
        ConditionExpression: "attribute_not_exists(pk)", // a claim id is used once
      }),
    );
    return claim;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    // The SDK resent a Put whose answer was lost: the claim is there, written by us.
    const stored = await getClaim({ id: claimId });
    if (stored?.shopperId === shopperId && stored.dropId === dropId) return stored;
    throw err;
  }
}
