import "server-only";
import { randomUUID } from "node:crypto";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { keys, ttlAt } from "@/lib/db/table";
import { and, clause } from "@/lib/drop/expressions";
import { writeStock } from "@/lib/drop/hot-writes";
import { conditionFor, refusalOf } from "@/lib/drop/phase-rules";
import { AppError } from "@/lib/errors";
import { getDropState } from "@/lib/stock/reads";
import { shardOf, splitUnits, withShard } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

// A restock: units added to (or unsold ones removed from) a drop's stock items, each part one
// conditional write (lib/drop/hot-writes.ts) under the table's restock rule (lib/drop/phase-rules.ts).

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
}: {
  id: string;
  quantity: number;
  /** e.g. from an Idempotency-Key: a client's resend of the same restock is then a no-op. */
  writeId?: string;
  now?: number;
}): Promise<DropState> {
  const state = await getDropState({ id, consistent: true });
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  const restock = (shard: number, q: number, known: DropState) =>
    writeStock(
      {
        id,
        now,
        action: "restock",
        writeId: state.stockShards === 1 ? writeId : `${writeId}:${shard}`,
        update: { add: { remainingStock: q, totalStock: q } },
        // Not ended, and remaining stays ≥ 0: total never drops below the units already sold.
        condition: and(conditionFor("restock", now), clause("remainingStock >= :minusQ", { ":minusQ": -q })),
      },
      shard,
      known,
    );
  if (state.stockShards === 1) return restock(0, quantity, state);
  if (quantity > 0) {
    const parts = splitUnits(quantity, state.stockShards);
    const written = await Promise.all(parts.map((q, shard) => (q === 0 ? state : restock(shard, q, state))));
    return written.reduce((sum, after, shard) => withShard(sum, shardOf(after, shard)!), state);
  }
  // A removal is one conditional write on one shard, the one with the most units unsold, chosen
  // once per write id (a resend finds the same choice): all or nothing, and exactly once.
  const take = -quantity;
  const most = Math.max(...state.shards!.map((s) => s.remainingStock));
  if (state.remainingStock < take) throw refusalOf("restock", state, now);
  if (most < take)
    throw new AppError(
      "STOCK_BELOW_SOLD",
      `This drop's stock is split over ${state.stockShards} shards: at most ${Math.max(0, most)} unsold units can be removed at once now.`,
    );
  return restock(await removalShard({ id, writeId, state }), quantity, state);
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
