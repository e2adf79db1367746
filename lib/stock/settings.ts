import "server-only";
import { table } from "@/lib/db/client";
import { ignoreRefusal } from "@/lib/db/conditional";
import { extraShardKeys } from "@/lib/stock/shards";
import type { DropState } from "@/lib/stock/status";

// The window and phase live on the drop item first (with a new settingsVersion); each stock shard
// carries a copy its own condition enforces, written after the drop item's.

/** Copies the drop item's window and phase to shards 1…K−1 that hold an older version. */
export async function copySettings(head: DropState): Promise<void> {
  if (head.stockShards === 1) return;
  await Promise.all(
    extraShardKeys(head.id, head.stockShards).map((Key) =>
      table
        .update({
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
        })
        .catch(ignoreRefusal),
    ),
  );
}
