import "server-only";
import { randomUUID } from "node:crypto";
import { type UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { getDropState, getShard } from "@/lib/stock/reads";
import { keys, ttlAt } from "@/lib/db/table";
import { extraShardKeys, shardKey, splitUnits, toState } from "@/lib/stock/shards";
import { invalidateDropState } from "@/lib/stock/cache";
import { copySettings } from "@/lib/stock/settings";
import { deleteFeedEntry, syncFeedEntry } from "@/lib/drop/feed-entries";
import { whyRefused, type AdminAction } from "@/lib/drop/admin-refusals";
import type { DropState } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";
import { endPassedMessage, type BotDefence } from "@/lib/schemas/drop";
import type { UpdateDropInput } from "@/lib/schemas/drop-admin";

// Admin writes. Each one that touches the hot drop item is ONE conditional UpdateItem whose
// condition names the states it may start from, so it cannot race a claim into a wrong state:
// DynamoDB serializes it with the claims' own conditional writes. Catalogue edits go to the
// separate DROPINFO item and never touch the hot one.
// With stock shards (lib/stock/shards.ts), the window and phase are written to the drop item first,
// with a new settingsVersion, then copied to every shard (each copy conditional on an older
// version, so copies land in order and a resend is harmless); restocks go to the shards.
// A write that moves the drop in the public feed (publish, end, a new window, listed, delete) then
// rewrites its feed entry (lib/drop/feed-entries.ts); the sweeper heals one a crash left stale.

/** `writeId` (e.g. from an Idempotency-Key) makes a client's resend of the same action a no-op. */
type Ref = { id: string; now?: number; writeId?: string };
type Input = Pick<
  UpdateCommandInput,
  "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeValues"
>;

/**
 * Adds `quantity` units (negative removes unsold ones) to remaining and total in one step per
 * stock item: on one shard, the drop item; on several, additions spread over them and a removal
 * from one. Each part is exactly once under its own write id.
 */
export async function restockDrop({
  id,
  quantity,
  writeId = randomUUID(),
  now = Date.now(),
}: Ref & { quantity: number }) {
  const state = await getDropState({ id, consistent: true });
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  if (state.stockShards === 1) return restockShard({ id, shard: 0, quantity, writeId, now });
  if (quantity > 0) {
    const parts = splitUnits(quantity, state.stockShards);
    await Promise.all(
      parts.map(
        (q, shard) =>
          q !== 0 && restockShard({ id, shard, quantity: q, writeId: `${writeId}:${shard}`, now }),
      ),
    );
    return;
  }
  // A removal is one conditional write on one shard, the one with the most units unsold, chosen
  // once per write id (a resend finds the same choice): all or nothing, and exactly once.
  const take = -quantity;
  const most = Math.max(...state.shards!.map((s) => s.remainingStock));
  if (state.remainingStock < take) throw await whyRefused(id, now, "restock");
  if (most < take)
    throw new AppError(
      "STOCK_BELOW_SOLD",
      `This drop's stock is split over ${state.stockShards} shards: at most ${Math.max(0, most)} unsold units can be removed at once now.`,
    );
  const shard = await removalShard({ id, writeId, state });
  return restockShard({ id, shard, quantity, writeId: `${writeId}:${shard}`, now });
}

/** The shard a removal takes its units from: the fullest, as first chosen for this write id. */
async function removalShard({ id, writeId, state }: { id: string; writeId: string; state: DropState }) {
  const fullest = [...state.shards!].sort((a, b) => b.remainingStock - a.remainingStock)[0]!.shard;
  const Key = keys.restockPlan(id, writeId);
  try {
    await table.put({
      Item: { ...Key, shard: fullest, ttl: ttlAt(Date.now() + 7 * 86_400_000) },
      ConditionExpression: "attribute_not_exists(pk)",
    });
    return fullest;
  } catch (err) {
    if (!isRefused(err)) throw err;
    const { Item } = await table.get({ Key, ConsistentRead: true });
    return Item!.shard as number;
  }
}

function restockShard({ id, shard, quantity, writeId, now }: Ref & { shard: number; quantity: number }) {
  return updateHot(
    id,
    now!,
    "restock",
    {
      UpdateExpression: "ADD remainingStock :q, totalStock :q",
      // Not ended, and remaining stays ≥ 0: total never drops below the units already sold.
      ConditionExpression: "phase <> :ended AND endsAt > :now AND remainingStock >= :minusQ",
      ExpressionAttributeValues: { ":q": quantity, ":minusQ": -quantity, ":ended": "ended", ":now": now },
    },
    writeId,
    shard,
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

/**
 * Stock shards are set when a drop is created: the units are split over them then, and claims may
 * be on any of them. The same value again is accepted (a form sends back what it loaded).
 */
export async function keepShards({ id, stockShards }: { id: string; stockShards: number }) {
  const state = await getDropState({ id, consistent: true });
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  if (state.stockShards !== stockShards)
    throw new AppError(
      "SHARDS_FIXED",
      `This drop's stock is split over ${state.stockShards} shard${state.stockShards === 1 ? "" : "s"}, set when it was created; create a new drop for another number.`,
    );
}

/**
 * Turns a drop's proof of work on or off, at any time (an admin under attack turns it on): one
 * write of one attribute on the drop item, taking effect within the ≤ 1 s cache.
 */
export async function setBotDefence({ id, botDefence }: { id: string; botDefence: BotDefence }) {
  try {
    await table.update({
      Key: keys.drop(id),
      UpdateExpression: "SET botDefence = :botDefence",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":botDefence": botDefence },
    });
    invalidateDropState(id);
  } catch (err) {
    if (isRefused(err)) throw new AppError("NOT_FOUND", "No such drop.");
    throw err;
  }
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
    await table.update({
      Key: keys.dropInfo(id),
      UpdateExpression: `SET ${fields.map(([k]) => `#${k} = :${k}`).join(", ")}`,
      ConditionExpression: "attribute_exists(pk)", // edit an existing drop, never create one
      ExpressionAttributeNames: Object.fromEntries(fields.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: Object.fromEntries(fields.map(([k, v]) => [`:${k}`, v])),
    });
    if (changes.listed !== undefined) await syncFeedEntry({ id }); // in or out of the public feed
  } catch (err) {
    if (isRefused(err)) throw new AppError("NOT_FOUND", "No such drop.");
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

/** Deletes a draft: the hot item first, on condition, then its stock shards, feed entry and catalogue item. */
export async function deleteDraft({ id, now = Date.now() }: Ref): Promise<void> {
  try {
    const { Attributes } = await table.delete({
      Key: keys.drop(id),
      ConditionExpression: "phase = :draft", // a published drop may have sold units: never deleted
      ExpressionAttributeValues: { ":draft": "draft" },
      ReturnValues: "ALL_OLD",
    });
    const stockShards = Attributes ? toState(Attributes).stockShards : 1;
    await Promise.all(extraShardKeys(id, stockShards).map((Key) => table.delete({ Key })));
  } catch (err) {
    if (isRefused(err)) throw await whyRefused(id, now, "delete");
    throw err;
  } finally {
    invalidateDropState(id);
  }
  await deleteFeedEntry({ id });
  await table.delete({ Key: keys.dropInfo(id) });
}

/**
 * One admin write on a hot item, exactly once: `adminWriteId` names it, its condition refuses it
 * a second time, and a lost answer is sent once more (lib/db/write-once.ts; the SDK's own resend
 * would double a restock or answer "already paused" to a pause that worked). A failed condition
 * whose item carries our id is our own lost write, not a refusal. On the drop item (shard 0), a
 * write of the window or phase bumps settingsVersion and is then copied to the other shards.
 */
async function writeHot(
  id: string,
  now: number,
  action: AdminAction,
  input: Input,
  writeId: string = randomUUID(),
  shard = 0,
): Promise<void> {
  const wid = `${action}:${writeId}`; // one key reused for another action is another write
  const settings = action !== "restock";
  let expression = /\bSET\b/.test(input.UpdateExpression ?? "")
    ? input.UpdateExpression!.replace(/\bSET\b/, "SET adminWriteId = :wid,")
    : `${input.UpdateExpression} SET adminWriteId = :wid`;
  if (settings) expression += " ADD settingsVersion :one";
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const { Attributes } = await sendOnce(() => ({
          Key: shardKey(id, shard),
          UpdateExpression: expression,
          ConditionExpression: `(${input.ConditionExpression}) AND (attribute_not_exists(adminWriteId) OR adminWriteId <> :wid)`,
          ExpressionAttributeValues: {
            ...input.ExpressionAttributeValues,
            ":wid": wid,
            ...(settings ? { ":one": 1 } : {}),
          },
          ReturnValues: "ALL_NEW",
        }));
        if (settings) await copySettings(toState(Attributes!));
        return;
      } catch (err) {
        if (err instanceof UnknownOutcome && attempt === 1) continue;
        throw err;
      }
    }
  } catch (err) {
    if (!isRefused(err)) throw err;
    const item = shard === 0 ? await getDropState({ id, consistent: true }) : await getShard(id, shard);
    // Our own lost write; or a refusal, after which the copies are finished anyway: a pause sent
    // again after one that stopped half way (a crash) still stops every shard.
    if (settings && item && "stockShards" in item) await copySettings(item);
    if (item?.adminWriteId === wid) return;
    throw await whyRefused(id, now, action);
  } finally {
    invalidateDropState(id);
  }
}

/** Publish, end and a new window move the drop's feed entry. */
const movesFeed = new Set<AdminAction>(["publish", "end", "reschedule"]);

/**
 * One admin write on a hot item (writeHot), then the drop's feed entry when the write moved it.
 * The write has landed by then: a failed rewrite of the entry is logged, not answered, and the
 * sweeper rewrites it on its next run (such a drop is open or has just ended: in its range).
 */
async function updateHot(...args: Parameters<typeof writeHot>): Promise<void> {
  await writeHot(...args);
  const [id, , action] = args;
  if (!movesFeed.has(action)) return;
  await syncFeedEntry({ id }).catch((err: unknown) =>
    console.error(`Feed entry of drop ${id} not rewritten after ${action}; the sweeper will`, err),
  );
}
