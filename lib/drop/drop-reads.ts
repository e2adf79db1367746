import "server-only";
import { batchGet } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { withTheirShards } from "@/lib/stock/reads";
import { toState } from "@/lib/stock/shards";
import { dropStatus, type DropState } from "@/lib/stock/status";
import type { Drop } from "@/lib/schemas/drop";
import { HOUSE_BRAND } from "@/lib/schemas/brand";
import { noWaitingRoom } from "@/lib/schemas/queue";

// Batched reads of drops by id: the cold info item and the hot state of each (with its shards),
// and the one shape a drop is answered in. Lists (lib/drop/drops.ts, lib/drop/feed-page.ts) and
// the feed entries (lib/drop/feed-entries.ts) read through here.

/** Catalogue fields, kept off the hot item so a claim's write stays one unit. */
export type DropInfo = {
  id: string;
  name: string;
  description: string;
  imageUrl: string;
  priceCents: number;
  currency: string;
  /** In the public feed; absent on items written before the field existed, which are listed. */
  listed?: boolean;
  createdAt: string;
  /** The brand that owns it; absent on items written before brands, which are the house brand's. */
  brandId?: string;
};

/** A drop as stored: its cold info item and its hot state. */
export type StoredDrop = { info: DropInfo; state: DropState };

export const isListed = (info: Pick<DropInfo, "listed">) => info.listed !== false;
export const brandOfInfo = (info: Pick<DropInfo, "brandId">) => info.brandId ?? HOUSE_BRAND.id;

/**
 * The drops with these ids that have both items, in the order given: the info and drop items in
 * one BatchGetItem (50 drops a request), then the other shards of sharded drops (unless
 * `shards: false`: then a sharded drop's stock figures are its drop item's alone).
 */
export async function readDrops(
  ids: readonly string[],
  { consistent = false, shards = true }: { consistent?: boolean; shards?: boolean } = {},
): Promise<StoredDrop[]> {
  const unique = [...new Set(ids)];
  const items = await batchGet(
    unique.flatMap((id) => [keys.dropInfo(id), keys.drop(id)]),
    consistent,
  );
  const infos = new Map<string, DropInfo>();
  const heads: Record<string, unknown>[] = [];
  for (const item of items) {
    if (String(item.pk).startsWith("DROPINFO#")) infos.set(item.id as string, item as DropInfo);
    else heads.push(item);
  }
  const states = shards
    ? await withTheirShards(heads, consistent)
    : new Map(heads.map((h) => [h.id as string, toState(h)]));
  return unique.flatMap((id) => {
    const info = infos.get(id);
    const state = states.get(id);
    return info && state ? [{ info, state }] : [];
  });
}

/** A drop's cold info item alone (no read of the hot item). */
export async function readDropInfo({
  id,
  consistent = false,
}: {
  id: string;
  consistent?: boolean;
}): Promise<DropInfo | undefined> {
  const { Item } = await table.get({ Key: keys.dropInfo(id), ConsistentRead: consistent });
  return Item as DropInfo | undefined;
}

/** The names of these drops, by id, from their cold info items alone (no read of a hot item). */
export async function readDropNames(ids: readonly string[]): Promise<Map<string, string>> {
  const items = await batchGet([...new Set(ids)].map((id) => keys.dropInfo(id)));
  return new Map(items.map((item) => [item.id as string, item.name as string]));
}

export function toDrop(info: DropInfo, state: DropState, now: number): Drop {
  return {
    id: info.id,
    name: info.name,
    description: info.description,
    imageUrl: info.imageUrl,
    priceCents: info.priceCents,
    currency: info.currency,
    totalStock: state.totalStock,
    remainingStock: Math.max(0, state.remainingStock),
    stockShards: state.stockShards,
    maxPerShopper: state.maxPerShopper,
    holdSeconds: state.holdSeconds,
    startsAt: new Date(state.startsAt).toISOString(),
    endsAt: new Date(state.endsAt).toISOString(),
    status: dropStatus(state, now),
    mode: state.mode ?? "first-come",
    listed: isListed(info),
    botDefence: state.botDefence,
    waitingRoom: state.waitingRoom ?? noWaitingRoom,
    brandId: brandOfInfo(info),
  };
}
