import "server-only";
import { createHash } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";

type KeyRef = { dropId: string; shopperId: string; key: string };

/** A key always maps to the same claim id, so a replay finds the claim without a second write. */
export function claimIdForKey({ dropId, shopperId, key }: KeyRef): string {
  return createHash("sha256").update(`${dropId}\n${shopperId}\n${key}`).digest("base64url").slice(0, 24);
}

/** Reserves the key for one request; false when another request already holds it. */
export async function reserveKey(ref: KeyRef & { now: number }): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.idempotency(ref.dropId, ref.shopperId, ref.key),
          claimId: claimIdForKey(ref),
          createdAt: ref.now,
        },
        ConditionExpression: "attribute_not_exists(pk)", // first request with this key wins
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

export async function keyIsReserved(ref: KeyRef): Promise<boolean> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.idempotency(ref.dropId, ref.shopperId, ref.key),
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

/** Frees the key when its request took nothing, so a later retry is judged afresh. */
export async function releaseKey(ref: KeyRef): Promise<void> {
  await db().send(
    new DeleteCommand({ TableName: tableName(), Key: keys.idempotency(ref.dropId, ref.shopperId, ref.key) }),
  );
}
