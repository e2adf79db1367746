import "server-only";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { getShard } from "@/lib/stock/reads";
import { refusalFor, type DropRefusal } from "@/lib/stock/refusals";
import { shardKey, toShard } from "@/lib/stock/shards";
import type { ShardStock } from "@/lib/stock/status";

/**
 * THE write: the only write the claim path makes to a hot stock item (the drop item, or one of its
 * stock shards: lib/stock/shards.ts). One conditional UpdateItem,
 * so DynamoDB itself serializes buyers: stock never goes below zero and nothing is sold outside the
 * window or while paused. Returns the refusal when the condition fails, or "retry" when a re-read
 * shows the drop claimable again (a restock or release landed in between).
 *
 * Exactly once for its claim: the write records `lastTakeId = claimId`, and its condition refuses a
 * write whose claim is already the last one taken. When the answer is lost, it is sent once more:
 * if the first one landed and nobody took a unit since, the condition fails and the item shows our
 * claim id, so we know the unit is ours. If somebody did take one in between, the second write takes
 * another unit: that one is stranded (never oversold: a claim is written once, after a unit), and
 * reconciliation returns it. A resend goes to the same shard. `now` is for tests; otherwise the
 * time of each attempt. Returns the shard's own figures after the take.
 */
export async function takeUnit({
  dropId,
  shard = 0,
  claimId,
  now: fixedNow,
  throttleAttempts,
  forDraw = false,
}: {
  dropId: string;
  shard?: number;
  claimId: string;
  now?: number;
  /**
   * A draw's winner's unit (lib/entries/offers.ts): only on a draw drop, only once its entry window
   * has closed. Without it, only on a first-come drop, inside its window.
   */
  forDraw?: boolean;
  /** Tries when DynamoDB throttles this item (a claim of a sharded drop moves on sooner). */
  throttleAttempts?: number;
}): Promise<ShardStock | DropRefusal | "retry"> {
  let now = fixedNow ?? Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const { Attributes } = await sendOnce(
        () => {
          now = fixedNow ?? Date.now(); // the window is judged, and lastTakenAt taken, at the write
          return {
            Key: shardKey(dropId, shard),
            // lastTakenAt rides along in the same write (no extra cost): the audit uses it to know
            // when no claim can still be in flight; lastTakeId makes a resend of this write detectable.
            UpdateExpression:
              "SET remainingStock = remainingStock - :one, lastTakenAt = :now, lastTakeId = :claim",
            // Stock left AND inside the window and active (a draw's: after its window, published)
            // AND not this claim's again. A draw drop's units go to its winners only.
            ConditionExpression:
              `remainingStock > :zero AND ${forDraw ? drawWindow : window}` +
              " AND (attribute_not_exists(lastTakeId) OR lastTakeId <> :claim)",
            ExpressionAttributeNames: { "#mode": "mode" },
            ExpressionAttributeValues: {
              ":one": 1,
              ":zero": 0,
              ":now": now,
              ":claim": claimId,
              ...(forDraw ? { ":draw": "draw", ":draft": "draft" } : { ":active": "active" }),
            },
            ReturnValues: "ALL_NEW",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          };
        },
        { throttleAttempts },
      );
      return toShard(Attributes!, shard);
    } catch (err) {
      if (err instanceof UnknownOutcome && attempt === 1) continue; // lastTakeId tells if it landed
      if (!isRefused(err)) throw err;
      // AWS returns the item that failed the check; dynalite ignores the option, so read it.
      const state = err.Item ? toShard(unmarshall(err.Item), shard) : await getShard(dropId, shard);
      // Our earlier attempt took the unit: say so on the item before counting on it (below).
      if (state?.lastTakeId === claimId) return (await claimOurTake({ dropId, shard, claimId })) ?? "retry";
      return (forDraw ? drawRefusalFor(state, now) : refusalFor(state, now)) ?? "retry";
    }
  }
}

const window = "startsAt <= :now AND endsAt > :now AND phase = :active AND attribute_not_exists(#mode)";
// A draw's pause stops entries and its End closes them early; neither stops the draw that follows
// the close, so a draw's units go to its winners in any published phase.
const drawWindow = "endsAt <= :now AND phase <> :draft AND #mode = :draw";

/** Why a draw's take was refused (its window must have closed; any published phase). */
function drawRefusalFor(state: ShardStock | undefined, now: number): DropRefusal | undefined {
  if (!state || state.phase === "draft") return "NOT_FOUND";
  if (now < state.endsAt) return "NOT_STARTED";
  if (state.remainingStock <= 0) return "SOLD_OUT";
  return undefined;
}

/**
 * An earlier attempt of this claim took the unit (its answer was lost): the item still names the
 * claim. Before the claim is written on that basis, one conditional write marks the take as
 * claimed now (lastTakenAt), so it cannot race the audit: the audit forgets a take id only if
 * lastTakenAt is still what its snapshot saw, and returns units only then. If the audit forgot it
 * first, this fails, and the claim takes a unit afresh. Setting a time is safe to resend.
 */
async function claimOurTake({ dropId, shard, claimId }: { dropId: string; shard: number; claimId: string }) {
  try {
    const { Attributes } = await table.update({
      Key: shardKey(dropId, shard),
      UpdateExpression: "SET lastTakenAt = :now",
      ConditionExpression: "lastTakeId = :claim",
      ExpressionAttributeValues: { ":now": Date.now(), ":claim": claimId },
      ReturnValues: "ALL_NEW",
    });
    return toShard(Attributes!, shard);
  } catch (err) {
    if (isRefused(err)) return undefined;
    throw err;
  }
}

/**
 * Puts one unit back (a hold ended). At most once: the caller has won the conditional write on the
 * claim that makes this happen once, and a lost answer is never sent again (a second landing would
 * sell a unit twice). If the lost one did not land, the unit is stranded and reconciliation returns
 * it once no writer can be in flight (lastReturnedAt and the claim's endedAt tell when).
 */
export async function returnUnit({
  dropId,
  shard = 0,
}: {
  dropId: string;
  /** The shard the unit was taken from (any shard would do: a claim tries them all). */
  shard?: number;
}): Promise<"returned" | "unknown"> {
  try {
    await sendOnce(() => ({
      Key: shardKey(dropId, shard),
      UpdateExpression: "ADD remainingStock :one SET lastReturnedAt = :now",
      ConditionExpression: "attribute_exists(pk)", // never create a stray drop item
      ExpressionAttributeValues: { ":one": 1, ":now": Date.now() },
    }));
    return "returned";
  } catch (err) {
    if (err instanceof UnknownOutcome) return "unknown";
    throw err;
  }
}
