import "server-only";
import { createHash } from "node:crypto";
import { keys } from "@/lib/db/table";
import type { DropState, Phase, ShardStock } from "@/lib/stock/status";

// Sharded stock. One item takes at most 1,000 writes/s on DynamoDB (failed conditional writes
// included), so a hot drop splits its stock over `stockShards` items, each on its own partition
// and each taken with the same one conditional UpdateItem. Shard 0 is the drop item itself, so a
// drop of one shard is exactly the design before shards. Every shard carries a copy of the window
// and phase (its own condition enforces them), written after the drop item's with its version.

export const MAX_SHARDS = 64;
/** Claims per second one shard is planned for: 1,000 writes/s, with room for refused writes. */
export const CLAIMS_PER_SHARD = 800;

/** The shards a brand needs for an expected peak of claims per second (1 when unknown). */
export function shardsForPeak(peakClaimsPerSecond?: number): number {
  if (!peakClaimsPerSecond) return 1;
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(peakClaimsPerSecond / CLAIMS_PER_SHARD)));
}

/** `units` over `shards` as evenly as can be; the first shards take the remainder. */
export function splitUnits(units: number, shards: number): number[] {
  const sign = Math.sign(units);
  const abs = Math.abs(units);
  return Array.from(
    { length: shards },
    (_, i) => sign * (Math.floor(abs / shards) + (i < abs % shards ? 1 : 0)),
  );
}

export const shardKey = (dropId: string, shard: number) =>
  shard === 0 ? keys.drop(dropId) : keys.dropShard(dropId, shard);

/** Keys of shards 1…K−1 (shard 0 is read as the drop item). */
export const extraShardKeys = (dropId: string, stockShards: number) =>
  Array.from({ length: stockShards - 1 }, (_, i) => keys.dropShard(dropId, i + 1));

/**
 * The order a claim tries the shards in: from a start picked by its claim id (spread evenly over
 * claims, and the same for a retry of the same claim), then round the ring.
 */
export function shardOrder(claimId: string, stockShards: number): number[] {
  if (stockShards === 1) return [0];
  const start = createHash("sha256").update(claimId).digest().readUInt32BE(0) % stockShards;
  return Array.from({ length: stockShards }, (_, i) => (start + i) % stockShards);
}

/** The figures every stock item has, the drop item and its shards alike. */
function stockFigures(item: Record<string, unknown>): Omit<ShardStock, "shard"> {
  return {
    remainingStock: item.remainingStock as number,
    totalStock: item.totalStock as number,
    startsAt: item.startsAt as number,
    endsAt: item.endsAt as number,
    phase: item.phase as Phase,
    settingsVersion: item.settingsVersion as number | undefined,
    lastTakenAt: item.lastTakenAt as number | undefined,
    lastTakeId: item.lastTakeId as string | undefined,
    lastReturnedAt: item.lastReturnedAt as number | undefined,
    adminWriteId: item.adminWriteId as string | undefined,
  };
}

export const toShard = (item: Record<string, unknown>, shard: number): ShardStock => ({
  shard,
  ...stockFigures(item),
});

/** The drop item alone, as a state (a drop of one shard is complete with it). */
export function toState(item: Record<string, unknown>): DropState {
  return {
    id: item.id as string,
    stockShards: (item.stockShards as number | undefined) ?? 1,
    maxPerShopper: item.maxPerShopper as number,
    holdSeconds: item.holdSeconds as number,
    // Drops written before the field existed ask for it, as new ones do by default.
    botDefence: item.botDefence === "off" ? "off" : "pow",
    ...stockFigures(item),
    ...(item.mode === "draw" ? { mode: "draw" as const } : {}),
    ...(item.waitingRoom ? { waitingRoom: item.waitingRoom as DropState["waitingRoom"] } : {}),
    ...(item.rehearsal === true ? { rehearsal: true } : {}),
    ...(item.rehearsal === true && typeof item.brandId === "string" ? { brandId: item.brandId } : {}),
  };
}

/**
 * The drop's state from its drop item and shards 1…K−1 (any order; a missing one counts as
 * empty): stock summed, last writes the latest of any shard. The window and phase are the drop
 * item's: it is written first, and it is what every reader shows.
 */
export function withShards(head: DropState, shardItems: Record<string, unknown>[]): DropState {
  if (head.stockShards === 1) return head;
  const shards: ShardStock[] = [headShard(head)];
  for (const item of shardItems) {
    const n = Number(String(item.pk).split("#S").pop());
    if (n > 0 && n < head.stockShards) shards[n] = toShard(item, n);
  }
  return combine(head, shards);
}

/** Recomputes a sharded state's sums after one shard's figures changed. */
export function combine(head: DropState, shards: ShardStock[]): DropState {
  const all = Array.from({ length: head.stockShards }, (_, n) => shards[n]).filter(
    (s): s is ShardStock => s !== undefined,
  );
  const latest = (pick: (s: ShardStock) => number | undefined) =>
    all.reduce<number | undefined>(
      (m, s) => (pick(s) === undefined ? m : Math.max(m ?? 0, pick(s)!)),
      undefined,
    );
  return {
    ...head,
    remainingStock: all.reduce((n, s) => n + s.remainingStock, 0),
    totalStock: all.reduce((n, s) => n + s.totalStock, 0),
    lastTakenAt: latest((s) => s.lastTakenAt),
    lastReturnedAt: latest((s) => s.lastReturnedAt),
    shards,
  };
}

/** Shard 0's own figures: the drop item's, before summing. */
const headShard = (head: DropState): ShardStock => toShard(head, 0);

/** One shard's own figures out of a state (a drop of one shard is its own shard 0). */
export const shardOf = (state: DropState, shard: number): ShardStock | undefined =>
  state.shards ? state.shards[shard] : shard === 0 ? headShard(state) : undefined;

/** The state with one shard's figures replaced (for a drop of one shard, the drop item's). */
export function withShard(state: DropState, shard: ShardStock): DropState {
  if (state.shards)
    return combine(
      state,
      state.shards.map((s, n) => (n === shard.shard ? shard : s)),
    );
  return { ...state, ...stockFigures(shard) };
}
