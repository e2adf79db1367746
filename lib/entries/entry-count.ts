import "server-only";
import { randomInt } from "node:crypto";
import { batchGet } from "@/lib/db/batched-get";
import { sendOnce } from "@/lib/db/write-once";
import { keys } from "@/lib/db/table";

// The live count of a draw's entries while it is open: COUNTERS small items, one picked at random
// per entry, so no counter is a hot spot. The increment is sent at most once (a lost answer
// under-counts by one); the draw publishes the exact count from the entries themselves.

const COUNTERS = 8;

export async function countEntry(dropId: string): Promise<void> {
  await sendOnce(() => ({
    Key: keys.entryCount(dropId, randomInt(COUNTERS)),
    UpdateExpression: "ADD entries :one",
    ExpressionAttributeValues: { ":one": 1 },
  })).catch(() => undefined); // a live figure: never fails the entry
}

export async function liveEntryCount(dropId: string): Promise<number> {
  const items = await batchGet(Array.from({ length: COUNTERS }, (_, n) => keys.entryCount(dropId, n)));
  return items.reduce((sum, item) => sum + ((item.entries as number | undefined) ?? 0), 0);
}
