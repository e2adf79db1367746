import "server-only";
import { queryAll, table, tableName } from "@/lib/db/client";
import { feedIndexKeys, listQuery, lists } from "@/lib/db/lists";
import { FEED_VERSION, keys } from "@/lib/db/table";
import { brandOfInfo, isListed, readDropInfo, readDrops, type DropInfo } from "@/lib/drop/drop-reads";
import { invalidateFeed } from "@/lib/drop/feed-page";
import type { DropState } from "@/lib/stock/status";

// FEED#<dropId>: one small item per drop (drafts and unlisted ones too) that says where the drop
// sits by its end. Its sparse index keys (lib/db/table.ts feedIndexKeys) put a listed, published
// drop in the public feed (gsi1 "FEED") and its brand's storefront (gsi2 "BRANDFEED#<brandId>"),
// and every drop in the sweeper's list by end (gsi3 "DROPENDS"), so neither reads the catalogue.
// It is derived from the drop's two items: createDrop writes it before the info item, and every
// admin write that moves what it holds (publish, end, reschedule, listed, delete) rewrites it
// afterwards with syncFeedEntry. A crash in between leaves it stale, never the drop unswept: the
// sweeper rewrites any entry of an open drop that disagrees with the drop, and the readers check
// listed and published on the drop itself, so a stale entry can misplace a drop, never show one
// that is unlisted or a draft.

/** What a drop's entry holds: the facts its index keys follow from. */
export type FeedEntry = {
  dropId: string;
  brandId: string;
  endsAt: number;
  listed: boolean;
  published: boolean;
};

export function feedEntryOf(
  info: Pick<DropInfo, "id" | "listed" | "brandId">,
  state: Pick<DropState, "endsAt" | "phase">,
): FeedEntry {
  return {
    dropId: info.id,
    brandId: brandOfInfo(info),
    endsAt: state.endsAt,
    listed: isListed(info),
    published: state.phase !== "draft",
  };
}

/** Writes the entry as given (a whole item: index keys it no longer has are gone with the old one). */
export async function putFeedEntry(entry: FeedEntry): Promise<void> {
  await table.put({
    Item: { ...keys.feedEntry(entry.dropId), ...entry, ...feedIndexKeys.of(entry) },
  });
  invalidateFeed();
}

/**
 * Rewrites a drop's entry from its two items, read consistently (the hot one not read when an
 * admin write gives its `state` as written); deletes it once the drop is gone. Idempotent: called
 * after each admin write that can change it, and by the sweeper to heal one.
 */
export async function syncFeedEntry({ id, state }: { id: string; state?: DropState }): Promise<void> {
  const drop = state
    ? await readDropInfo({ id, consistent: true }).then((info) => info && { info, state })
    : (await readDrops([id], { consistent: true, shards: false }))[0];
  if (drop) await putFeedEntry(feedEntryOf(drop.info, drop.state));
  else await deleteFeedEntry({ id });
}

export async function deleteFeedEntry({ id }: { id: string }): Promise<void> {
  await table.delete({ Key: keys.feedEntry(id) });
  invalidateFeed();
}

const sameEntry = (a: Record<string, unknown> | undefined, b: FeedEntry) =>
  a !== undefined &&
  a.brandId === b.brandId &&
  a.endsAt === b.endsAt &&
  a.listed === b.listed &&
  a.published === b.published;

/**
 * The sweeper's drops: published ones whose entry says they end at or after `since` (open, or ended
 * since then), listed or not, read eventually consistently. One query of the entries by end and one
 * batch read of those drops, however long the catalogue. An entry that disagrees with its drop (a
 * crash between an admin write and its entry) is rewritten here; one left out of this range by
 * such a crash (a window moved later) is still in it until its old end, and is rewritten before.
 */
export async function sweptDropStates({ since }: { since: number }): Promise<DropState[]> {
  const entries = await queryAll({
    ...listQuery(lists.dropEnds(), { op: ">=", sortKey: feedIndexKeys.at(since) }),
  });
  const byId = new Map(entries.map((e) => [e.dropId as string, e]));
  const drops = await readDrops([...byId.keys()]);
  const stale = drops.filter((d) => !sameEntry(byId.get(d.info.id), feedEntryOf(d.info, d.state)));
  await Promise.all(stale.map((d) => syncFeedEntry({ id: d.info.id })));
  return drops.map((d) => d.state).filter((s) => s.phase !== "draft");
}

/** Tables (by name) this process has seen with every entry written, and backfills under way. */
const ready = new Set<string>();
const backfilling = new Map<string, Promise<void>>();

/**
 * Once per table: a table from before feed entries gets one for every drop in its catalogue, then
 * the `FEEDVERSION` marker; later calls cost nothing (one read per process until the marker is
 * seen). Called by the sweeper and by the local scripts' seed before they serve. Idempotent: two
 * servers backfilling at once write the same entries.
 */
export async function ensureFeedEntries(): Promise<void> {
  const name = tableName(); // tests switch tables within one process
  if (ready.has(name)) return;
  let running = backfilling.get(name);
  if (!running) {
    running = (async () => {
      const { Item } = await table.get({ Key: keys.feedVersion(), ConsistentRead: true });
      if (((Item?.version as number | undefined) ?? 0) < FEED_VERSION) await backfillFeed();
      ready.add(name);
    })().finally(() => backfilling.delete(name));
    backfilling.set(name, running);
  }
  return running;
}

/** An entry for every drop of the catalogue (`lists.drops`), 50 drops a batch, then the marker. */
async function backfillFeed(): Promise<number> {
  const catalogue = await queryAll({
    ...listQuery(lists.drops()),
    ProjectionExpression: "id",
  });
  const ids = catalogue.map((i) => i.id as string);
  for (let i = 0; i < ids.length; i += 50) {
    const drops = await readDrops(ids.slice(i, i + 50), { consistent: true, shards: false });
    await Promise.all(drops.map((d) => putFeedEntry(feedEntryOf(d.info, d.state))));
  }
  await table.put({
    Item: { ...keys.feedVersion(), version: FEED_VERSION, backfilled: ids.length },
  });
  console.info(`Feed entries written for ${ids.length} drops (a table from before them).`);
  return ids.length;
}
