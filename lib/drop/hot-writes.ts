import "server-only";
import { randomUUID } from "node:crypto";
import { writeIf } from "@/lib/db/conditional";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { and, clause, or, updateInput, type Clause, type Update } from "@/lib/drop/expressions";
import { syncFeedEntry } from "@/lib/drop/feed-entries";
import { refusalOf, type AdminAction } from "@/lib/drop/phase-rules";
import { invalidateDropState } from "@/lib/stock/cache";
import { getDropHead, getDropState, getShard } from "@/lib/stock/reads";
import { copySettings } from "@/lib/stock/settings";
import { shardKey, toShard, toState, withShard } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

// One admin write on a hot stock item, exactly once, answering the drop as it now is. Its
// condition (lib/drop/phase-rules.ts) names the states it may start from, so it cannot race a
// claim into a wrong state: DynamoDB serializes it with the claims' own conditional writes.
// `adminWriteId` names the write and its condition refuses it a second time, and a lost answer is
// sent once more (lib/db/write-once.ts; the SDK's own resend would double a restock or answer
// "already paused" to a pause that worked): a failed condition whose item carries our id is our
// own lost write, not a refusal. A refusal is explained from the item the database returned with
// it (ALL_OLD; dynalite returns none, so there it is read once), never read twice.

export type HotWrite = {
  id: string;
  now: number;
  /** Names the write (with writeId) and, from the table, explains its refusal. */
  action: AdminAction;
  /** e.g. from an Idempotency-Key: a client's resend of the same action is then a no-op. */
  writeId?: string;
  /** What it writes, besides its id (and the settings version, on the drop item). */
  update: Update;
  condition: Clause;
};

/**
 * The window or phase, on the drop item: with a new settingsVersion, then copied to every other
 * shard (each copy conditional on an older version, so copies land in order and a resend is
 * harmless). Answers the drop with its shards; a write that moved its feed entry rewrites it.
 */
export async function writeSettings(w: HotWrite): Promise<DropState> {
  const state = await writeHead(w);
  if (movesFeed.has(w.action)) {
    // The write has landed: a failed rewrite of the entry is logged, not answered, and the sweeper
    // rewrites it on its next run (such a drop is open or has just ended: in its range).
    await syncFeedEntry({ id: w.id, state }).catch((err: unknown) =>
      console.error(`Feed entry of drop ${w.id} not rewritten after ${w.action}; the sweeper will`, err),
    );
  }
  return state;
}

/** Publish, end and a new window move the drop's feed entry. */
const movesFeed = new Set<AdminAction>(["publish", "end", "reschedule"]);

async function writeHead(w: HotWrite): Promise<DropState> {
  const wid = writeIdOf(w);
  const settled = async (head: DropState) =>
    (await copySettings(head)) ?? (await getDropState({ id: w.id, consistent: true })) ?? head;
  try {
    const sent = await send(w, wid, 0, { settingsVersion: 1 });
    if ("written" in sent) return await settled(toState(sent.written));
    const head = sent.refused ? toState(sent.refused) : await getDropHead({ id: w.id, consistent: true });
    if (head?.adminWriteId === wid) return await settled(head); // our own lost write
    // A refusal, after which the copies are finished anyway: a pause sent again after one that
    // stopped half way (a crash) still stops every shard.
    if (head) await copySettings(head);
    throw refusalOf(w.action, head, w.now);
  } finally {
    invalidateDropState(w.id);
  }
}

/**
 * Stock (remainingStock, totalStock) on one stock item of a drop read just before as `known`:
 * answers `known` with that item's figures as written.
 */
export async function writeStock(w: HotWrite, shard: number, known: DropState): Promise<DropState> {
  const wid = writeIdOf(w);
  try {
    const sent = await send(w, wid, shard);
    if ("written" in sent) return withShard(known, toShard(sent.written, shard));
    const item = sent.refused ? toShard(sent.refused, shard) : await getShard(w.id, shard);
    if (!item) throw refusalOf(w.action, undefined, w.now);
    if (item.adminWriteId === wid) return withShard(known, item); // our own lost write
    // Judged on the item's own window and phase (what its condition saw), and the drop's stock.
    const { phase, startsAt, endsAt } = item;
    throw refusalOf(w.action, { ...withShard(known, item), phase, startsAt, endsAt }, w.now);
  } finally {
    invalidateDropState(w.id);
  }
}

/** One key reused for another action is another write. */
const writeIdOf = (w: HotWrite) => `${w.action}:${w.writeId ?? randomUUID()}`;

/**
 * Sends the write on one stock item, once (a lost answer is sent once more). Answers the item as
 * written, or, when the condition failed, as the database found it if it said (AWS does; dynalite
 * does not).
 */
async function send(
  w: HotWrite,
  wid: string,
  shard: number,
  add: Record<string, number> = {},
): Promise<{ written: Record<string, unknown> } | { refused: Record<string, unknown> | undefined }> {
  const notAgain = or(
    clause("attribute_not_exists(adminWriteId)"),
    clause("adminWriteId <> :wid", { ":wid": wid }),
  );
  const input = updateInput(
    { set: { ...w.update.set, adminWriteId: wid }, add: { ...w.update.add, ...add } },
    and(w.condition, notAgain),
  );
  for (let attempt = 1; ; attempt++) {
    try {
      const sent = await writeIf(
        sendOnce(() => ({
          Key: shardKey(w.id, shard),
          ...input,
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        })),
      );
      return sent.applied ? { written: sent.output.Attributes! } : { refused: sent.item };
    } catch (err) {
      if (err instanceof UnknownOutcome && attempt === 1) continue; // adminWriteId tells if it landed
      throw err;
    }
  }
}
