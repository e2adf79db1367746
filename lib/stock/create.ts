import "server-only";
import { table } from "@/lib/db/client";
import { shardKey, splitUnits } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

/**
 * Writes a new drop's stock items: shards 1…K−1, then the drop item (shard 0), each with its share
 * of the units and a copy of the window and phase. Never over an existing item (a drop that has
 * sold units): a resend of a create whose answer was lost fails instead.
 */
export async function createStockItems(state: DropState): Promise<void> {
  const { id, startsAt, endsAt, phase, settingsVersion } = state;
  const parts = splitUnits(state.totalStock, state.stockShards);
  const putStock = (shard: number, item: Record<string, unknown>) =>
    table.put({
      Item: { ...shardKey(id, shard), id, ...item, remainingStock: parts[shard], totalStock: parts[shard] },
      ConditionExpression: "attribute_not_exists(pk)",
    });
  await Promise.all(
    parts.slice(1).map((_, i) => putStock(i + 1, { startsAt, endsAt, phase, settingsVersion })),
  );
  await putStock(0, state);
}
