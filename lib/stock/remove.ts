import "server-only";
import { deleteAll, table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { invalidateDropState } from "@/lib/stock/cache";
import { extraShardKeys } from "@/lib/stock/shards";

/**
 * Removes a rehearsal drop's stock items: the drop item first, on condition that it is one (a
 * real drop's is never removed: false), then its shards.
 */
export async function removeRehearsalStock(id: string, stockShards: number): Promise<boolean> {
  try {
    await table.delete({
      Key: keys.drop(id),
      ConditionExpression: "rehearsal = :yes",
      ExpressionAttributeValues: { ":yes": true },
    });
  } catch (err) {
    if (isRefused(err)) return false;
    throw err;
  } finally {
    invalidateDropState(id);
  }
  await deleteAll(extraShardKeys(id, stockShards));
  return true;
}
