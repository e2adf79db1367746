import "server-only";
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, UpdateCommand, type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { getDropState } from "@/lib/drop/drops";
import { keys } from "@/lib/db/table";
import { invalidateDropState } from "@/lib/drop/cache";
import { whyRefused, type AdminAction } from "@/lib/drop/admin-refusals";
import type { DropState } from "@/lib/drop/status";
import { AppError } from "@/lib/errors";
import { endPassedMessage } from "@/lib/schemas/drop";
import type { UpdateDropInput } from "@/lib/schemas/drop-admin";

// Admin writes. Each one that touches the hot drop item is ONE conditional UpdateItem whose
// condition names the states it may start from, so it cannot race a claim into a wrong state:
// DynamoDB serializes it with the claims' own conditional writes. Catalogue edits go to the
// separate DROPINFO item and never touch the hot one.

/** `writeId` (e.g. from an Idempotency-Key) makes a client's resend of the same action a no-op. */
type Ref = { id: string; now?: number; writeId?: string };
type Input = Pick<
  UpdateCommandInput,
  "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues"
>;

/** Adds `quantity` units (negative removes unsold ones) to remaining and total in one step. */
export function restockDrop({ id, quantity, writeId, now = Date.now() }: Ref & { quantity: number }) {
  return updateHot(
    id,
    now,
    "restock",
    {
      UpdateExpression: "ADD remainingStock :q, totalStock :q",
      // Not ended, and remaining stays ≥ 0: total never drops below the units already sold.
      ConditionExpression: "phase <> :ended AND endsAt > :now AND remainingStock >= :minusQ",
      ExpressionAttributeValues: { ":q": quantity, ":minusQ": -quantity, ":ended": "ended", ":now": now },
    },
    writeId,
  );
}

/** Claims get 409 PAUSED from the next write on: the claim's own condition requires phase = active. */
export function pauseDrop({ id, now = Date.now(), writeId }: Ref) {
  return updateHot(
    id,
    now,
    "pause",
    {
      UpdateExpression: "SET phase = :paused",
      // Only from active (scheduled, live or sold out) and before the end.
      ConditionExpression: "phase = :active AND endsAt > :now",
      ExpressionAttributeValues: { ":paused": "paused", ":active": "active", ":now": now },
    },
    writeId,
  );
}

export function resumeDrop({ id, now = Date.now(), writeId }: Ref) {
  return updateHot(
    id,
    now,
    "resume",
    {
      UpdateExpression: "SET phase = :active",
      // Only a paused drop whose window has not closed.
      ConditionExpression: "phase = :paused AND endsAt > :now",
      ExpressionAttributeValues: { ":paused": "paused", ":active": "active", ":now": now },
    },
    writeId,
  );
}

/** Ends the drop now: the phase and the window both close, so no later write can sell. */
export function endDrop({ id, now = Date.now(), writeId }: Ref) {
  return updateHot(
    id,
    now,
    "end",
    {
      UpdateExpression: "SET phase = :ended, endsAt = :now",
      // Only a published drop that has not ended yet (a draft is deleted instead).
      ConditionExpression: "phase IN (:active, :paused) AND endsAt > :now",
      ExpressionAttributeValues: { ":ended": "ended", ":active": "active", ":paused": "paused", ":now": now },
    },
    writeId,
  );
}

/** draft → active: the drop appears to shoppers and sells inside its window. */
export function publishDrop({ id, now = Date.now(), writeId }: Ref) {
  return updateHot(
    id,
    now,
    "publish",
    {
      UpdateExpression: "SET phase = :active",
      // Only a draft whose end is still ahead.
      ConditionExpression: "phase = :draft AND endsAt > :now",
      ExpressionAttributeValues: { ":draft": "draft", ":active": "active", ":now": now },
    },
    writeId,
  );
}

type Schedule = Pick<UpdateDropInput, "startsAt" | "endsAt" | "maxPerShopper" | "holdSeconds">;

/** New window and rules, only while nothing can have sold under the old ones. */
export async function rescheduleDrop({ id, changes, now = Date.now() }: Ref & { changes: Schedule }) {
  const values: Record<string, number> = {};
  if (changes.startsAt && changes.endsAt)
    Object.assign(values, {
      ":startsAt": Date.parse(changes.startsAt),
      ":endsAt": Date.parse(changes.endsAt),
    });
  if (changes.maxPerShopper !== undefined) values[":maxPerShopper"] = changes.maxPerShopper;
  if (changes.holdSeconds !== undefined) values[":holdSeconds"] = changes.holdSeconds;
  const sets = Object.keys(values).map((v) => `${v.slice(1)} = ${v}`);
  if (sets.length === 0) throw new AppError("INVALID_REQUEST", "Nothing to change.");
  if (values[":endsAt"] !== undefined && values[":endsAt"] <= now) {
    // The schema refused it already at parse time; this is the same rule on the server's clock now.
    throw new AppError("INVALID_REQUEST", `${endPassedMessage}.`, [
      { path: "endsAt", message: endPassedMessage },
    ]);
  }
  return updateHot(id, now, "reschedule", {
    UpdateExpression: `SET ${sets.join(", ")}`,
    // A draft, or a published drop that has not started yet (startsAt > now): never a live one.
    ConditionExpression: "phase = :draft OR (phase IN (:active, :paused) AND startsAt > :now)",
    ExpressionAttributeValues: {
      ...values,
      ":draft": "draft",
      ":active": "active",
      ":paused": "paused",
      ":now": now,
    },
  });
}

type Catalogue = Pick<
  UpdateDropInput,
  "name" | "description" | "imageUrl" | "priceCents" | "currency" | "listed"
>;

/** Name, description, image, price and whether it is in the public feed: the cold DROPINFO item only. */
export async function updateDropInfo({ id, changes }: { id: string; changes: Catalogue }): Promise<void> {
  const fields = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (fields.length === 0) return;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.dropInfo(id),
        UpdateExpression: `SET ${fields.map(([k]) => `#${k} = :${k}`).join(", ")}`,
        ConditionExpression: "attribute_exists(pk)", // edit an existing drop, never create one
        ExpressionAttributeNames: Object.fromEntries(fields.map(([k]) => [`#${k}`, k])),
        ExpressionAttributeValues: Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])),
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new AppError("NOT_FOUND", "No such drop.");
    throw err;
  }
}

/**
 * The demo seed's reset (scripts/seed.ts), not an API action: a new window for a published drop
 * whatever its phase, and published again (`phase = active`). Stock, claims and slots are left as
 * they are, so the reconciliation still holds (total = remaining + held + confirmed).
 */
export function reopenDrop({
  id,
  startsAt,
  endsAt,
  now = Date.now(),
}: Ref & { startsAt: number; endsAt: number }) {
  return updateHot(id, now, "reschedule", {
    UpdateExpression: "SET startsAt = :startsAt, endsAt = :endsAt, phase = :active",
    ConditionExpression: "attribute_exists(pk) AND :endsAt > :now",
    ExpressionAttributeValues: { ":startsAt": startsAt, ":endsAt": endsAt, ":active": "active", ":now": now },
  });
}

/** Deletes a draft: the hot item first, on condition, then its catalogue item. */
export async function deleteDraft({ id, now = Date.now() }: Ref): Promise<void> {
  try {
    await db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.drop(id),
        ConditionExpression: "phase = :draft", // a published drop may have sold units: never deleted
        ExpressionAttributeValues: { ":draft": "draft" },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw await whyRefused(id, now, "delete");
    throw err;
  } finally {
    invalidateDropState(id);
  }
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.dropInfo(id) }));
}

/**
 * One admin write on the hot item, exactly once: `adminWriteId` names it, its condition refuses it
 * a second time, and a lost answer is sent once more (lib/db/write-once.ts; the SDK's own resend
 * would double a restock or answer "already paused" to a pause that worked). A failed condition
 * whose item carries our id is our own lost write, not a refusal.
 */
async function updateHot(
  id: string,
  now: number,
  action: AdminAction,
  input: Input,
  writeId: string = randomUUID(),
): Promise<DropState> {
  const wid = `${action}:${writeId}`; // one key reused for another action is another write
  const expression = /\bSET\b/.test(input.UpdateExpression ?? "")
    ? input.UpdateExpression!.replace(/\bSET\b/, "SET adminWriteId = :wid,")
    : `${input.UpdateExpression} SET adminWriteId = :wid`;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const { Attributes } = await sendOnce(
          () =>
            new UpdateCommand({
              TableName: tableName(),
              Key: keys.drop(id),
              UpdateExpression: expression,
              ConditionExpression: `(${input.ConditionExpression}) AND (attribute_not_exists(adminWriteId) OR adminWriteId <> :wid)`,
              ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ":wid": wid },
              ReturnValues: "ALL_NEW",
            }),
        );
        return Attributes as DropState;
      } catch (err) {
        if (err instanceof UnknownOutcome && attempt === 1) continue;
        throw err;
      }
    }
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const state = await getDropState({ id, consistent: true });
    if (state?.adminWriteId === wid) return state;
    throw await whyRefused(id, now, action);
  } finally {
    invalidateDropState(id);
  }
}
