import "server-only";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { extraShardKeys, withShards } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

// The window and phase live on the drop item first (with a new settingsVersion); each stock shard
// carries a copy its own condition enforces, written after the drop item's.

/**
 * Copies the drop item's window and phase to shards 1…K−1 that hold an older version. Answers the
 * drop's state with every shard as the copies left it, when each came back: a copy answers its
 * shard (ALL_NEW), and a refused one the shard it found (ALL_OLD) where the database returns it
 * (AWS; not dynalite). Undefined when one did not: the caller who needs the sums reads them.
 */
export async function copySettings(head: DropState): Promise<DropState | undefined> {
  if (head.stockShards === 1) return head;
  const shards = await Promise.all(
    extraShardKeys(head.id, head.stockShards).map(async (Key) => {
      const copy = await writeIf(
        table.update({
          Key,
          UpdateExpression:
            "SET phase = :phase, startsAt = :startsAt, endsAt = :endsAt, settingsVersion = :v",
          // In order, once: an older copy never overwrites a newer one, and a resend is a no-op.
          ConditionExpression:
            "attribute_exists(pk) AND (attribute_not_exists(settingsVersion) OR settingsVersion < :v)",
          ExpressionAttributeValues: {
            ":phase": head.phase,
            ":startsAt": head.startsAt,
            ":endsAt": head.endsAt,
            ":v": head.settingsVersion ?? 0,
          },
          ReturnValues: "ALL_NEW",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return copy.applied ? copy.output.Attributes : copy.item;
    }),
  );
  const found = shards.filter((s) => s !== undefined);
  return found.length === shards.length ? withShards(head, found) : undefined;
}
