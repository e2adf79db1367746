import "server-only";
import { faults } from "@/lib/claim/faults";
import { giveBackSlot } from "@/lib/claim/slots";
import { admitTake } from "@/lib/claim/take-gate";
import { isThrottled } from "@/lib/db/conditional";
import { forgetShardStock, invalidateDropState, rememberShard } from "@/lib/stock/cache";
import { getDropState } from "@/lib/stock/reads";
import type { DropRefusal } from "@/lib/stock/refusals";
import { copySettings } from "@/lib/stock/settings";
import { shardOrder } from "@/lib/stock/shards";
import type { DropState, ShardStock } from "@/lib/stock/status";
import { takeUnit } from "@/lib/stock/take";
import { inSpan } from "@/lib/telemetry";

/**
 * THE write for a shopper who holds a slot, on the first stock shard that has a unit (in an order
 * set by the claim id); with several shards, once fewer writes are in flight here than units are
 * left on it (lib/claim/take-gate.ts): the requests racing for the last units send no writes that
 * must fail. (With one shard the drop's admission before the slot has done that.)
 * SOLD_OUT only once every shard is empty, as far as this process knows (its cache, ≤ 1 s old, and
 * every write's own answer). Every outcome but a unit (a refusal, "retry", an error) gives the slot
 * back, here and once.
 */
export async function takeFromShards(
  { dropId, shopperId, claimId }: { dropId: string; shopperId: string; claimId: string },
  drop: Pick<DropState, "stockShards" | "phase">,
): Promise<ShardStock | DropRefusal | "retry"> {
  const { stockShards } = drop;
  // The cache has the drop paused: ask the drop item alone, whose phase is the one that counts.
  const paused = drop.phase === "paused";
  let taken: ShardStock | DropRefusal | "retry" = "SOLD_OUT";
  try {
    faults.beforeTakeUnit?.();
    let throttled: unknown;
    let repaired = false;
    const order = paused ? [0] : shardOrder(claimId, stockShards);
    for (let i = 0; i < order.length; i++) {
      const shard = order[i]!;
      const admission = stockShards === 1 ? { release: () => undefined } : await admitTake(dropId, shard);
      if (!admission) continue; // the cache says this shard is empty
      try {
        // A shard DynamoDB throttles (never applied) is left for the next one, after two tries.
        taken = await inSpan(
          "claim.stock",
          { "droprush.drop": dropId, "droprush.shard": shard },
          async (span) => {
            const answer = await takeUnit({
              dropId,
              shard,
              claimId,
              throttleAttempts: stockShards > 1 ? 2 : undefined,
            });
            span?.setAttribute(
              "droprush.outcome",
              typeof answer === "string" ? answer.toLowerCase() : "taken",
            );
            return answer;
          },
        );
      } catch (err) {
        if (stockShards === 1 || !isThrottled(err)) throw err;
        throttled = err;
        continue;
      } finally {
        admission.release();
      }
      if (typeof taken !== "string") {
        rememberShard(dropId, taken); // the freshest figures: the last unit flips the cache to sold out
        return taken;
      }
      if (taken !== "SOLD_OUT") {
        invalidateDropState(dropId); // paused, ended…: learn it afresh
        // A shard's copy of the window and phase may lag the drop item's (a resume being copied,
        // or a copy a crash stopped): the drop item decides. A stale copy is finished, and the
        // shard asked again, once.
        if (shard === 0 || repaired) break;
        repaired = true;
        const head = await getDropState({ id: dropId, consistent: true });
        if (!head || (head.shards?.[shard]?.settingsVersion ?? 0) >= (head.settingsVersion ?? 0)) break;
        await copySettings(head);
        i--;
        continue;
      }
      forgetShardStock(dropId, shard); // the cache let a doomed write through
    }
    if (throttled) throw throttled; // every shard with units was busy: 503, try again
    return taken;
  } finally {
    if (typeof taken === "string") await giveBackSlot({ dropId, shopperId, claimId });
  }
}
