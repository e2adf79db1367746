import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { getDropState } from "@/lib/drop/drops";
import { refusalFor, type DropRefusal } from "@/lib/drop/refusals";
import type { DropState } from "@/lib/drop/status";

/**
 * THE write: the only write the claim path makes to the hot drop item. One conditional UpdateItem,
 * so DynamoDB itself serializes buyers: stock never goes below zero and nothing is sold outside the
 * window or while paused. Returns the refusal when the condition fails, or "retry" when a re-read
 * shows the drop claimable again (a restock or release landed in between).
 */
export async function takeUnit({
  dropId,
  now,
}: {
  dropId: string;
  now: number;
}): Promise<DropState | DropRefusal | "retry"> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.drop(dropId),
        // lastTakenAt rides along in the same write (no extra cost): the audit uses it to know when
        // no claim can still be in flight.
        UpdateExpression: "SET remainingStock = remainingStock - :one, lastTakenAt = :now",
        // Stock left AND inside the window AND not paused/draft/ended: all checked atomically.
        ConditionExpression:
          "remainingStock > :zero AND startsAt <= :now AND endsAt > :now AND phase = :active",
        ExpressionAttributeValues: { ":one": 1, ":zero": 0, ":now": now, ":active": "active" },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return Attributes as DropState;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    // AWS returns the item that failed the check; dynalite ignores the option, so read it.
    const state = err.Item
      ? (unmarshall(err.Item) as DropState)
      : await getDropState({ id: dropId, consistent: true });
    return refusalFor(state, now) ?? "retry";
  }
}

/**
 * Puts one unit back (a hold ended). A plain atomic increment: the caller has already won the
 * conditional write on the claim that makes this happen exactly once.
 */
export async function returnUnit({ dropId, now }: { dropId: string; now: number }): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.drop(dropId),
      UpdateExpression: "ADD remainingStock :one SET lastReturnedAt = :now",
      ConditionExpression: "attribute_exists(pk)", // never create a stray drop item
      ExpressionAttributeValues: { ":one": 1, ":now": now },
    }),
  );
}
