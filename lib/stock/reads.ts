import "server-only";
import { batchGet } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { extraShardKeys, shardKey, toShard, toState, withShards } from "@/lib/stock/shards";
import type { DropState, ShardStock } from "@/lib/stock/status";

// Reads of the stock items: a drop's hot state is its drop item plus shards 1…K−1, summed.

export async function getDropState({
  id,
  consistent = false,
}: {
  id: string;
  consistent?: boolean;
}): Promise<DropState | undefined> {
  const head = await getDropHead({ id, consistent });
  if (!head || head.stockShards === 1) return head;
  return withShards(head, await batchGet(extraShardKeys(id, head.stockShards), consistent));
}

/** The drop item alone (shard 0, with the drop's rules): a sharded drop's stock figures are its own. */
export async function getDropHead({
  id,
  consistent = false,
}: {
  id: string;
  consistent?: boolean;
}): Promise<DropState | undefined> {
  const { Item } = await table.get({ Key: keys.drop(id), ConsistentRead: consistent });
  return Item ? toState(Item) : undefined;
}

/** One stock item's own figures, read consistently (after its conditional write failed). */
export async function getShard(dropId: string, shard: number): Promise<ShardStock | undefined> {
  const { Item } = await table.get({ Key: shardKey(dropId, shard), ConsistentRead: true });
  return Item ? toShard(Item, shard) : undefined;
}

/** The hot states of these drops (each with its shards), by id. */
export async function getDropStates(ids: readonly string[]): Promise<Map<string, DropState>> {
  return withTheirShards(await batchGet(ids.map((id) => keys.drop(id))));
}

export async function withTheirShards(
  headItems: Record<string, unknown>[],
  consistent = false,
): Promise<Map<string, DropState>> {
  const heads = headItems.map(toState);
  const sharded = heads.filter((h) => h.stockShards > 1);
  const shardItems = await batchGet(
    sharded.flatMap((h) => extraShardKeys(h.id, h.stockShards)),
    consistent,
  );
  const byDrop = new Map<string, Record<string, unknown>[]>();
  for (const item of shardItems)
    byDrop.set(item.id as string, [...(byDrop.get(item.id as string) ?? []), item]);
  return new Map(heads.map((h) => [h.id, withShards(h, byDrop.get(h.id) ?? [])]));
}
