import "server-only";
import { getItemBatched } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { isRefused, writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";

// The shopper's slot on a drop holds the ids of the claims it counts, as a set, not a counter: a
// take adds its claim id and a give-back deletes it, and a set holds an id once, so every slot
// write can be resent (by the SDK after a lost answer, or by anyone) without counting twice.
// The limit is the set's size. Holds that expired unbought are kept in a second set, `expired`:
// past EXPIRED_HOLDS_LIMIT of them the shopper cannot claim the drop again (holding is not free).

export type Slot = {
  /** Claims counted against the limit: won, or being claimed right now. */
  claims: string[];
  count: number;
  /** The newest claim taken (with a limit of one, the shopper's claim). */
  lastClaimId?: string;
  takenAt?: number;
  /** Holds of this drop that expired unbought. */
  expired: number;
};

type Ref = { dropId: string; shopperId: string };

/** Counts `claimId` against the shopper's limit; undefined when they already hold `max` others. */
export async function takeSlot(
  input: Ref & { claimId: string; max: number; maxExpired: number },
): Promise<Slot | undefined> {
  try {
    const { Attributes } = await table.update({
      Key: keys.slot(input.dropId, input.shopperId),
      // takenAt is the time of the write: the slot repair waits WRITER_DEAD_MS after it.
      UpdateExpression: "ADD claims :ids SET lastClaimId = :claimId, takenAt = :now, dropId = :dropId",
      // At most `max` claims per shopper, however many requests arrive at once; this one once.
      ConditionExpression:
        "(attribute_not_exists(claims) OR size(claims) < :max) AND NOT contains(claims, :claimId)" +
        " AND (attribute_not_exists(expired) OR size(expired) < :maxExpired)",
      ExpressionAttributeValues: {
        ":ids": new Set([input.claimId]),
        ":claimId": input.claimId,
        ":now": Date.now(),
        ":dropId": input.dropId,
        ":max": input.max,
        ":maxExpired": input.maxExpired,
      },
      ReturnValues: "ALL_NEW",
    });
    return toSlot(Attributes);
  } catch (err) {
    if (!isRefused(err)) throw err;
    // Already counted (a resend whose first answer was lost): it is ours.
    const slot = await getSlot(input);
    return slot?.claims.includes(input.claimId) ? slot : undefined;
  }
}

/**
 * Stops counting `claimId` (its stock write refused, or its hold ended); a hold that expired
 * unbought is remembered in `expired`. Safe to repeat: both are sets.
 */
export async function giveBackSlot({
  dropId,
  shopperId,
  claimId,
  expired = false,
}: Ref & { claimId: string; expired?: boolean }): Promise<void> {
  await table
    .update({
      Key: keys.slot(dropId, shopperId),
      UpdateExpression: expired ? "DELETE claims :ids ADD expired :ids" : "DELETE claims :ids",
      ConditionExpression: "attribute_exists(pk)", // never create an empty slot
      ExpressionAttributeValues: { ":ids": new Set([claimId]) },
    })
    .catch((err) => {
      if (!isRefused(err)) throw err;
    });
}

/** Stops counting claims a dead writer left behind, only if nobody took a slot since `takenAt`. */
export async function dropStaleClaims({
  dropId,
  shopperId,
  stale,
  takenAt,
}: Ref & { stale: string[]; takenAt: number }): Promise<boolean> {
  const written = await writeIf(
    table.update({
      Key: keys.slot(dropId, shopperId),
      UpdateExpression: "DELETE claims :stale",
      ConditionExpression: "takenAt = :takenAt",
      ExpressionAttributeValues: { ":stale": new Set(stale), ":takenAt": takenAt },
    }),
  );
  return written.applied;
}

export async function getSlot({ dropId, shopperId }: Ref): Promise<Slot | undefined> {
  // Batched: every sold-out answer of a stampede reads one (lib/db/batched-get.ts).
  const item = await getItemBatched(keys.slot(dropId, shopperId));
  return item ? toSlot(item) : undefined;
}

function toSlot(item: Record<string, unknown> | undefined): Slot {
  const claims = [...((item?.claims as Set<string> | undefined) ?? [])];
  return {
    claims,
    count: claims.length,
    lastClaimId: item?.lastClaimId as string | undefined,
    takenAt: item?.takenAt as number | undefined,
    expired: (item?.expired as Set<string> | undefined)?.size ?? 0,
  };
}
