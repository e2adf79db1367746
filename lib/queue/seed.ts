import "server-only";
import { randomBytes } from "node:crypto";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";
import { commitment } from "@/lib/draw/formulas";
import type { BeaconChoice } from "@/lib/entries/draw-item";

// A waiting room's seed for the pre-queue's shuffle, committed when the room is made (its SHA-256
// published at …/queue/proof from then on) and revealed once the pre-queue is ordered, as a draw's.

export type QueueSeed = { seed: string; commitment: string; beacon: BeaconChoice };

/** Commits a seed once; a resend after a lost answer, or a second enabling, keeps the first. */
export async function commitQueueSeed({ dropId, beacon }: { dropId: string; beacon: BeaconChoice }) {
  const seed = randomBytes(32).toString("hex");
  await writeIf(
    table.put({
      Item: { ...keys.queueSeed(dropId), dropId, seed, commitment: commitment(seed), beacon },
      ConditionExpression: "attribute_not_exists(pk)", // never replaced
    }),
  );
  seeds.delete(dropId);
}

// It never changes once written: each process reads it once per drop.
const seeds = new Map<string, Promise<QueueSeed | undefined>>();
export function readQueueSeed(dropId: string): Promise<QueueSeed | undefined> {
  const known = seeds.get(dropId);
  if (known) return known;
  const read = table.get({ Key: keys.queueSeed(dropId), ConsistentRead: true }).then(({ Item }) =>
    Item
      ? {
          seed: Item.seed as string,
          commitment: Item.commitment as string,
          beacon: Item.beacon === "quicknet" ? ("quicknet" as const) : ("off" as const),
        }
      : undefined,
  );
  seeds.set(dropId, read);
  read.then(
    (s) => s === undefined && seeds.delete(dropId), // not committed yet: ask again later
    () => seeds.delete(dropId),
  );
  if (seeds.size > 1000) seeds.delete(seeds.keys().next().value as string);
  return read;
}

/** For tests: forget what this process read (a second server, or a restart). */
export const forgetQueueSeeds = () => seeds.clear();
