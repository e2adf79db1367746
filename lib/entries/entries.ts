import "server-only";
import { randomBytes } from "node:crypto";
import { queryAll, table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { inList, listQuery, lists, sortKeyIn } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { countEntry } from "@/lib/entries/entry-count";
import type { Order } from "@/lib/schemas/claim";
import type { Entry } from "@/lib/schemas/entry";

// A shopper's entry in a draw drop: one item per (drop, shopper), so entering twice is one entry
// and no write lands on the drop's partition. Each entry is in one of PARTS lists by its id's
// first hex digit, so listing a drop's entries spreads over PARTS index partitions, not one.

/** Index partitions a drop's entries are spread over: the id's first hex digit picks one. */
export const PARTS = 16;
export const partOf = (entryId: string) => parseInt(entryId[0]!, 16);

export const newEntryId = () => randomBytes(12).toString("hex"); // 24 hex digits: ASCII, sorts as bytes

/** A paid entry's authorisation (lib/entries/paid-entry.ts): captured if it wins, released if not. */
export type EntryPaid = { paymentId: string; order: Order };

export type StoredEntry = Entry & { shopperId: string; paid?: EntryPaid };

const toEntry = (item: Record<string, unknown>): StoredEntry => ({
  id: item.entryId as string,
  dropId: item.dropId as string,
  createdAt: item.createdAt as string,
  shopperId: item.shopperId as string,
  ...(item.paid ? { paid: item.paid as EntryPaid } : {}),
});

/**
 * Enters `shopperId` into `dropId`: { entry, created }. A shopper already in gets their entry
 * (created: false). Exactly once: a Put resent after a lost answer finds its own entry id.
 */
export async function enter({
  dropId,
  shopperId,
  now,
  entryId = newEntryId(),
  paid,
}: {
  dropId: string;
  shopperId: string;
  now: number;
  /** A paid entry's id, chosen when its authorisation began (its claim id derives from it). */
  entryId?: string;
  paid?: EntryPaid;
}): Promise<{ entry: StoredEntry; created: boolean }> {
  const createdAt = new Date(now).toISOString();
  const entry: StoredEntry = { id: entryId, dropId, createdAt, shopperId, ...(paid ? { paid } : {}) };
  // Sent once: it lands within ONE_ATTEMPT_DEAD_MS or never, so the draw knows when every entry made
  // before the close is in (lib/entries/run-draw.ts). A lost answer is a 503; the retry finds the entry.
  const written = await writeIf(
    table.putOnce({
      Item: {
        ...keys.entry(dropId, shopperId),
        entryId,
        dropId,
        shopperId,
        createdAt,
        ...(paid ? { paid } : {}),
        ...inList(lists.entriesOf(dropId, partOf(entryId)), entryId),
      },
      ConditionExpression: "attribute_not_exists(pk)",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    }),
  );
  if (written.applied) {
    await countEntry(dropId);
    return { entry, created: true };
  }
  // dynalite does not return the item that failed the check: read it.
  const stored = written.item ?? (await readEntryItem(dropId, shopperId));
  if (!stored) throw new Error("An entry refused as existing is missing");
  const earlier = toEntry(stored);
  // Our own Put, resent by the SDK after its answer was lost: this request made it.
  if (earlier.id === entryId) await countEntry(dropId);
  return { entry: earlier, created: earlier.id === entryId };
}

const readEntryItem = async (dropId: string, shopperId: string) =>
  (await table.get({ Key: keys.entry(dropId, shopperId), ConsistentRead: true })).Item;

/** The shopper's entry in the drop, if any. */
export async function getEntry(dropId: string, shopperId: string): Promise<StoredEntry | undefined> {
  const item = await readEntryItem(dropId, shopperId);
  return item ? toEntry(item) : undefined;
}

/**
 * One page of a drop's entry ids made before `before`, in ascending order after `after`: each part
 * read, then merged. A part's query may stop early (Limit counts the entries its filter drops too),
 * so the page ends at the lowest id a part stopped at: nothing past it is missed. `nextCursor` is
 * null on the last page.
 */
export async function pageEntryIds({
  dropId,
  after,
  limit,
  before,
}: {
  dropId: string;
  after?: string;
  limit: number;
  /** Only entries made before this time (epoch ms): the draw's set. */
  before: number;
}): Promise<{ entryIds: string[]; nextCursor: string | null }> {
  const pages = await Promise.all(
    Array.from({ length: PARTS }, async (_, part) => {
      const l = lists.entriesOf(dropId, part);
      const query = listQuery(l, after === undefined ? undefined : { op: ">", sortKey: after });
      const { Items = [], LastEvaluatedKey } = await table.query({
        ...query,
        ProjectionExpression: "entryId",
        FilterExpression: "createdAt < :before",
        ExpressionAttributeValues: {
          ...query.ExpressionAttributeValues,
          ":before": new Date(before).toISOString(),
        },
        Limit: limit,
      });
      return { ids: Items.map((i) => i.entryId as string), stoppedAt: sortKeyIn(l, LastEvaluatedKey) };
    }),
  );
  const stops = pages.flatMap((p) => (p.stoppedAt === undefined ? [] : [p.stoppedAt])).sort();
  const bound = stops[0];
  const merged = pages
    .flatMap((p) => p.ids)
    .filter((id) => bound === undefined || id <= bound)
    .sort();
  const entryIds = merged.slice(0, limit);
  if (merged.length > limit) return { entryIds, nextCursor: entryIds.at(-1)! };
  return { entryIds, nextCursor: bound ?? null };
}

/**
 * Every entry of a drop made before `before` (epoch ms): the draw's input. Streamed a part at a
 * time; only the id, shopper and time of each are kept.
 */
export async function allEntries(dropId: string, before: number): Promise<StoredEntry[]> {
  const out: StoredEntry[] = [];
  for (let part = 0; part < PARTS; part++) {
    const items = await queryAll({
      ...listQuery(lists.entriesOf(dropId, part)),
      ProjectionExpression: "entryId, dropId, shopperId, createdAt",
    });
    for (const item of items) {
      const entry = toEntry(item);
      if (Date.parse(entry.createdAt) < before) out.push(entry);
    }
  }
  return out;
}
