import "server-only";
import { table } from "@/lib/db/client";
import { isRefused, writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import type { DropInfo } from "@/lib/drop/drop-reads";
import { clause, and, updateInput } from "@/lib/drop/expressions";
import { deleteFeedEntry, syncFeedEntry } from "@/lib/drop/feed-entries";
import { writeSettings } from "@/lib/drop/hot-writes";
import { conditionFor, refusalOf, rules, type Transition } from "@/lib/drop/phase-rules";
import { AppError } from "@/lib/errors";
import { drawWindowMessage, drawWindowTooLong, endPassedMessage, type BotDefence } from "@/lib/schemas/drop";
import type { UpdateDropInput } from "@/lib/schemas/drop-admin";
import {
  noWaitingRoom,
  waitingRoomOnDrawMessage,
  type WaitingRoom,
  type WaitingRoomChanges,
} from "@/lib/schemas/queue";
import { invalidateDropState } from "@/lib/stock/cache";
import { getDropHead, getDropState, withTheirShards } from "@/lib/stock/reads";
import { extraShardKeys, toState } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

// Admin writes. Each one on the hot drop item is ONE conditional write (lib/drop/hot-writes.ts)
// whose condition comes from the phase table (lib/drop/phase-rules.ts), and each answers the
// drop as it wrote it. Catalogue edits go to the separate DROPINFO item and never touch the hot
// one. With stock shards (lib/stock/shards.ts), the window and phase are written to the drop item
// and copied to every shard; restocks go to the shards. A write that moves the drop in the public
// feed (publish, end, a new window, listed, delete) then rewrites its feed entry
// (lib/drop/feed-entries.ts); the sweeper heals one a crash left stale.

/** `writeId` (e.g. from an Idempotency-Key) makes a client's resend of the same action a no-op. */
type Ref = { id: string; now?: number; writeId?: string };

/** Publish, pause, resume or end: the phase the table says, if the drop is in a phase it allows. */
export function transitionDrop({
  id,
  action,
  now = Date.now(),
  writeId,
}: Ref & { action: Transition }): Promise<DropState> {
  const { to, closesWindow } = rules[action];
  return writeSettings({
    id,
    now,
    action,
    writeId,
    update: { set: { phase: to, endsAt: closesWindow ? now : undefined } },
    condition: conditionFor(action, now),
  });
}

type Schedule = Pick<UpdateDropInput, "startsAt" | "endsAt" | "maxPerShopper" | "holdSeconds">;

/** New window and rules, only while nothing can have sold under the old ones (the table's reschedule). */
export async function rescheduleDrop({
  id,
  changes,
  now = Date.now(),
}: Ref & { changes: Schedule }): Promise<DropState> {
  const window = changes.startsAt && changes.endsAt;
  const set = {
    startsAt: window ? Date.parse(changes.startsAt!) : undefined,
    endsAt: window ? Date.parse(changes.endsAt!) : undefined,
    maxPerShopper: changes.maxPerShopper,
    holdSeconds: changes.holdSeconds,
  };
  if (Object.values(set).every((v) => v === undefined))
    throw new AppError("INVALID_REQUEST", "Nothing to change.");
  if (set.endsAt !== undefined && set.endsAt <= now) {
    // The schema refused it already at parse time; this is the same rule on the server's clock now.
    throw new AppError("INVALID_REQUEST", `${endPassedMessage}.`, [
      { path: "endsAt", message: endPassedMessage },
    ]);
  }
  // A draw's window stays short enough for its entries' card authorisations (lib/schemas/drop.ts).
  if (set.startsAt !== undefined && drawWindowTooLong(set.startsAt, set.endsAt!)) {
    if ((await getDropState({ id }))?.mode === "draw")
      throw new AppError("INVALID_REQUEST", `${drawWindowMessage}.`, [
        { path: "endsAt", message: drawWindowMessage },
      ]);
  }
  return writeSettings({
    id,
    now,
    action: "reschedule",
    update: { set },
    condition: conditionFor("reschedule", now),
  });
}

/**
 * Stock shards are set when a drop is created: the units are split over them then, and claims may
 * be on any of them. The same value again is accepted (a form sends back what it loaded). Answers
 * the drop as read.
 */
export async function keepShards({ id, stockShards }: { id: string; stockShards: number }) {
  const state = await getDropState({ id, consistent: true });
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  if (state.stockShards !== stockShards)
    throw new AppError(
      "SHARDS_FIXED",
      `This drop's stock is split over ${state.stockShards} shard${state.stockShards === 1 ? "" : "s"}, set when it was created; create a new drop for another number.`,
    );
  return state;
}

/**
 * Turns a drop's proof of work on or off, at any time (an admin under attack turns it on): one
 * write of one attribute on the drop item, taking effect within the ≤ 1 s cache. Answers the drop
 * as written (a sharded drop's other shards read, unless `known` as they were just now).
 */
export async function setBotDefence({
  id,
  botDefence,
  known,
}: {
  id: string;
  botDefence: BotDefence;
  known?: DropState;
}): Promise<DropState> {
  try {
    const { Attributes } = await table.update({
      Key: keys.drop(id),
      ...updateInput({ set: { botDefence } }, clause("attribute_exists(pk)")),
      ReturnValues: "ALL_NEW",
    });
    const head = toState(Attributes!);
    if (head.stockShards === 1) return head;
    return known
      ? { ...known, botDefence: head.botDefence }
      : (await withTheirShards([Attributes!], true)).get(id)!;
  } catch (err) {
    if (isRefused(err)) throw new AppError("NOT_FOUND", "No such drop.");
    throw err;
  } finally {
    invalidateDropState(id);
  }
}

/**
 * A drop's waiting room settings, at any time (the rate while live too): the changed fields over the
 * stored ones, one write of one attribute on the drop item, seen by claims within the ≤ 1 s cache.
 * The line's admission keeps its own record of rate changes (lib/queue/admission-state.ts), written
 * first by the route. A draw drop never has one (its entries are drawn, not lined up).
 */
export async function setWaitingRoom({
  id,
  changes,
}: {
  id: string;
  changes: WaitingRoomChanges;
}): Promise<DropState> {
  const head = await getDropHead({ id, consistent: true });
  if (!head) throw new AppError("NOT_FOUND", "No such drop.");
  const waitingRoom: WaitingRoom = { ...(head.waitingRoom ?? noWaitingRoom), ...changes };
  if (head.mode === "draw" && waitingRoom.enabled)
    throw new AppError("INVALID_REQUEST", `${waitingRoomOnDrawMessage}.`, [
      { path: "waitingRoom.enabled", message: waitingRoomOnDrawMessage },
    ]);
  try {
    const { Attributes } = await table.update({
      Key: keys.drop(id),
      ...updateInput({ set: { waitingRoom } }, clause("attribute_exists(pk)")),
      ReturnValues: "ALL_NEW",
    });
    return (await withTheirShards([Attributes!], true)).get(id)!;
  } catch (err) {
    if (isRefused(err)) throw new AppError("NOT_FOUND", "No such drop.");
    throw err;
  } finally {
    invalidateDropState(id);
  }
}

type Catalogue = Pick<
  UpdateDropInput,
  "name" | "description" | "imageUrl" | "priceCents" | "currency" | "listed"
>;

/**
 * Name, description, image, price and whether it is in the public feed: the cold DROPINFO item
 * only. Answers the item as written; undefined when there was nothing to change.
 */
export async function updateDropInfo({
  id,
  changes,
}: {
  id: string;
  changes: Catalogue;
}): Promise<DropInfo | undefined> {
  if (Object.values(changes).every((v) => v === undefined)) return undefined;
  try {
    const { Attributes } = await table.update({
      Key: keys.dropInfo(id),
      // Edit an existing drop, never create one.
      ...updateInput({ set: changes }, clause("attribute_exists(pk)")),
      ReturnValues: "ALL_NEW",
    });
    if (changes.listed !== undefined) await syncFeedEntry({ id }); // in or out of the public feed
    return Attributes as DropInfo;
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
}: Ref & { startsAt: number; endsAt: number }): Promise<DropState> {
  return writeSettings({
    id,
    now,
    action: "reschedule",
    update: { set: { startsAt, endsAt, phase: "active" } },
    condition: and(
      clause("attribute_exists(pk)"),
      clause(":endsAt > :now", { ":endsAt": endsAt, ":now": now }),
    ),
  });
}

/** Deletes a draft: the hot item first, on condition, then its stock shards, feed entry and catalogue item. */
export async function deleteDraft({ id, now = Date.now() }: Ref): Promise<void> {
  const draft = conditionFor("delete", now); // a published drop may have sold units: never deleted
  try {
    const deleted = await writeIf(
      table.delete({
        Key: keys.drop(id),
        ConditionExpression: draft.text,
        ExpressionAttributeValues: draft.values,
        ReturnValues: "ALL_OLD",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    if (!deleted.applied) {
      // Explained from the item the database returned (AWS), or read once (dynalite returns none).
      const head = deleted.item ? toState(deleted.item) : await getDropHead({ id, consistent: true });
      throw refusalOf("delete", head, now);
    }
    const { Attributes } = deleted.output;
    const stockShards = Attributes ? toState(Attributes).stockShards : 1;
    await Promise.all(extraShardKeys(id, stockShards).map((Key) => table.delete({ Key })));
  } finally {
    invalidateDropState(id);
  }
  await deleteFeedEntry({ id });
  await table.delete({ Key: keys.dropInfo(id) });
}
