import "server-only";
import { randomBytes } from "node:crypto";
import { queryAll, table } from "@/lib/db/client";
import { createdSortKey, inList, listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { readDropInfo, toDrop, type DropInfo } from "@/lib/drop/drop-reads";
import { deleteFeedEntry, feedEntryOf, putFeedEntry } from "@/lib/drop/feed-entries";
import { createStockItems } from "@/lib/stock/create";
import { getDropState, getDropStates } from "@/lib/stock/reads";
import { shardsForPeak } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";
import type { BotDefence, CreateDrop, CreateDropInput, Drop } from "@/lib/schemas/drop";
import { waitingRoomInput } from "@/lib/schemas/queue";
import { HOUSE_BRAND } from "@/lib/schemas/brand";

export function newDropId(): string {
  return randomBytes(6).toString("hex");
}

export async function createDrop({
  id = newDropId(),
  input,
  brandId = HOUSE_BRAND.id,
  now = Date.now(),
}: {
  id?: string;
  brandId?: string;
  /** A parsed create body; `listed`, `rehearsal` and `botDefence` may be left out (their defaults). */
  input: Omit<CreateDrop, "listed" | "rehearsal" | "botDefence" | "mode" | "waitingRoom"> & {
    mode?: CreateDrop["mode"];
    waitingRoom?: CreateDropInput["waitingRoom"];
    listed?: boolean;
    rehearsal?: boolean;
    botDefence?: BotDefence;
  };
  now?: number;
}): Promise<Drop> {
  const draw = input.mode === "draw";
  const stockShards = draw ? 1 : (input.stockShards ?? shardsForPeak(input.expectedPeakClaimsPerSecond));
  const settings = {
    startsAt: Date.parse(input.startsAt),
    endsAt: Date.parse(input.endsAt),
    phase: input.draft ? ("draft" as const) : ("active" as const),
    settingsVersion: 1,
  };
  const state: DropState = {
    id,
    remainingStock: input.totalStock,
    totalStock: input.totalStock,
    stockShards,
    ...settings,
    maxPerShopper: input.maxPerShopper,
    holdSeconds: input.holdSeconds,
    botDefence: input.botDefence ?? "pow",
    ...(draw ? { mode: "draw" as const } : {}),
    // Only a drop created with its waiting room on carries it: others' hot items stay as they were.
    ...(input.waitingRoom?.enabled && !draw
      ? { waitingRoom: waitingRoomInput.parse(input.waitingRoom) }
      : {}),
    // A rehearsal's brand rides on its hot item: the claim decides whose rehearsal shoppers it
    // excuses from the cached state alone (lib/stock/status.ts, rehearsesOn).
    ...(input.rehearsal ? { rehearsal: true, brandId } : {}),
  };
  const createdAt = new Date(now).toISOString();
  const info: DropInfo = {
    id,
    name: input.name,
    description: input.description,
    imageUrl: input.imageUrl,
    priceCents: input.priceCents,
    currency: input.currency,
    listed: input.listed ?? true,
    createdAt,
    brandId,
  };
  // Stock items first, then the feed entry, then the info item: orphaned ones are invisible (lists
  // and reads start from the info item), and a drop with its info item always has its entry.
  await createStockItems(state);
  await putFeedEntry(feedEntryOf(info, state));
  await table.put({
    Item: {
      ...keys.dropInfo(id),
      ...info,
      ...inList(lists.drops(), createdSortKey(createdAt, id)),
      // The brand's own list, so a brand's drops are a query, not a filter of everyone's.
      ...inList(lists.brandDrops(brandId), createdSortKey(createdAt, id)),
    },
  });
  return toDrop(info, state, now);
}

/**
 * A drop as shoppers see it; drafts are invisible unless `includeDraft`. After an admin write,
 * `consistent`, with what the write answered (`state`, `info`): only the rest is read.
 */
export async function getDrop({
  id,
  includeDraft = false,
  consistent = false,
  now = Date.now(),
  ...known
}: {
  id: string;
  includeDraft?: boolean;
  consistent?: boolean;
  now?: number;
  state?: DropState;
  info?: DropInfo;
}): Promise<Drop> {
  const [info, state] = await Promise.all([
    known.info ?? readDropInfo({ id, consistent }),
    known.state ?? getDropState({ id, consistent }),
  ]);
  if (!info || !state || (state.phase === "draft" && !includeDraft)) {
    throw new AppError("NOT_FOUND", "No such drop.");
  }
  return toDrop(info, state, now);
}

/**
 * All drops, newest first: the admin's lists (every drop of the catalogue, or one brand's). The
 * catalogue index never sees claim traffic. The public feed reads the feed entries instead
 * (lib/drop/feed-page.ts), never this.
 */
export async function listDrops({
  includeDrafts = false,
  brandId,
  now = Date.now(),
}: { includeDrafts?: boolean; brandId?: string; now?: number } = {}): Promise<Drop[]> {
  const infos = brandId === undefined ? await queryDropInfos() : await queryBrandDropInfos(brandId);
  const states = await getDropStates(infos.map((d) => d.id));
  return infos.flatMap((info) => {
    const state = states.get(info.id);
    if (!state || (state.phase === "draft" && !includeDrafts)) return [];
    return [toDrop(info, state, now)];
  });
}

const queryDropInfos = async () =>
  (await queryAll({
    ...listQuery(lists.drops()),
    ScanIndexForward: false,
  })) as DropInfo[];

/**
 * One brand's drops, newest first, from gsi2. Drops from before brands have no gsi2 key and are the
 * house brand's: its list adds them from the catalogue (a filter, for the house brand only).
 */
async function queryBrandDropInfos(brandId: string): Promise<DropInfo[]> {
  const own = (await queryAll({
    ...listQuery(lists.brandDrops(brandId)),
    ScanIndexForward: false,
  })) as DropInfo[];
  if (brandId !== HOUSE_BRAND.id) return own;
  const legacy = (await queryDropInfos()).filter((d) => d.brandId === undefined);
  return [...own, ...legacy].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The brand that owns a drop (the cold item, never the hot one); undefined for an unknown drop. */
export async function getDropBrand({ id }: { id: string }): Promise<string | undefined> {
  const { Item } = await table.get({ Key: keys.dropInfo(id), ProjectionExpression: "brandId, id" });
  if (!Item) return undefined;
  return (Item.brandId as string | undefined) ?? HOUSE_BRAND.id;
}

/** Removes a drop's cold items (a rehearsal's removal): its feed entry, then its info item. */
export async function removeDropRecords({ id }: { id: string }): Promise<void> {
  await deleteFeedEntry({ id });
  await table.delete({ Key: keys.dropInfo(id) });
}
