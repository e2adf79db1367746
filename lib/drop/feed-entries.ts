import "server-only";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "@/lib/db/client";
import { feedIndexKeys, keys } from "@/lib/db/table";
import { brandOfInfo, isListed, readDrops, type DropInfo } from "@/lib/drop/drop-reads";
import { invalidateFeed } from "@/lib/drop/feed-page";
import type { DropState } from "@/lib/drop/status";

// FEED#<dropId>: one small item per drop (drafts and unlisted ones too) that says where the drop
// sits by its end. Its sparse index keys (lib/db/table.ts feedIndexKeys) put a listed, published
// drop in the public feed (gsi1 "FEED") and its brand's storefront (gsi2 "BRANDFEED#<brandId>"),
// and every drop in the sweeper's list by end (gsi3 "DROPENDS"), so neither reads the catalogue.
// It is derived from the drop's two items: createDrop writes it before the info item, and every
// admin write that moves what it holds (publish, end, reschedule, listed, delete) rewrites it
// afterwards with syncFeedEntry. A crash in between leaves it stale: the readers check listed and
// published on the drop itself, so a stale entry can misplace a drop, never show one that is
// unlisted or a draft.

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
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.feedEntry(entry.dropId), ...entry, ...feedIndexKeys.of(entry) },
    }),
  );
  invalidateFeed();
}

/**
 * Rewrites a drop's entry from its two items, read consistently; deletes it once the drop is gone.
 * Idempotent: called after each admin write that can change it, and by the sweeper to heal one.
 */
export async function syncFeedEntry({ id }: { id: string }): Promise<void> {
  const [drop] = await readDrops([id], { consistent: true, shards: false });
  if (drop) await putFeedEntry(feedEntryOf(drop.info, drop.state));
  else await deleteFeedEntry({ id });
}

export async function deleteFeedEntry({ id }: { id: string }): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.feedEntry(id) }));
  invalidateFeed();
}
