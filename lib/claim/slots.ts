import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";

export type Slot = { count: number; lastClaimId?: string; takenAt?: number };

/**
 * Takes one of the shopper's per-drop slots, recording which claim it is for (the intent an audit
 * can check). Returns undefined when the shopper already holds `max`.
 */
export async function takeSlot(input: {
  dropId: string;
  shopperId: string;
  claimId: string;
  max: number;
  now: number;
}): Promise<Slot | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.slot(input.dropId, input.shopperId),
        UpdateExpression: "SET lastClaimId = :claimId, takenAt = :now, dropId = :dropId ADD #count :one",
        // At most `max` units per shopper, however many requests arrive at once.
        ConditionExpression: "attribute_not_exists(#count) OR #count < :max",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":claimId": input.claimId,
          ":now": input.now,
          ":dropId": input.dropId,
          ":one": 1,
          ":max": input.max,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes as Slot;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}

/** Gives a slot back after the stock write refused, or when a hold ends; `claimId` = only if still that claim's. */
export async function giveBackSlot({
  dropId,
  shopperId,
  claimId,
}: {
  dropId: string;
  shopperId: string;
  claimId?: string;
}): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.slot(dropId, shopperId),
        UpdateExpression: "ADD #count :minusOne",
        // Never below zero, whatever retries happen.
        ConditionExpression: claimId ? "#count > :zero AND lastClaimId = :claimId" : "#count > :zero",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: {
          ":minusOne": -1,
          ":zero": 0,
          ...(claimId ? { ":claimId": claimId } : {}),
        },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** Sets a slot's count to `count`, only if nobody took or gave back a unit since `seen` was read. */
export async function resetSlot({
  dropId,
  shopperId,
  seen,
  count,
}: {
  dropId: string;
  shopperId: string;
  seen: Slot & { takenAt: number };
  count: number;
}): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.slot(dropId, shopperId),
        UpdateExpression: "SET #count = :count",
        ConditionExpression: "#count = :seen AND takenAt = :takenAt",
        ExpressionAttributeNames: { "#count": "count" },
        ExpressionAttributeValues: { ":count": count, ":seen": seen.count, ":takenAt": seen.takenAt },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

export async function getSlot({
  dropId,
  shopperId,
}: {
  dropId: string;
  shopperId: string;
}): Promise<Slot | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.slot(dropId, shopperId), ConsistentRead: true }),
  );
  return Item as Slot | undefined;
}
