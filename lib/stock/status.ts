import type { BotDefence, DropStatus } from "@/lib/schemas/drop";
import type { Rehearsal } from "@/lib/schemas/claim";
import type { WaitingRoom } from "@/lib/schemas/queue";

export type Phase = "draft" | "active" | "paused" | "ended";

/** One stock item's own numbers (lib/stock/shards.ts); shard 0 is the drop item. */
export type ShardStock = {
  shard: number;
  remainingStock: number;
  totalStock: number;
  startsAt: number;
  endsAt: number;
  phase: Phase;
  /** The drop item's settings version this shard's copy of the window and phase is at. */
  settingsVersion?: number;
  lastTakenAt?: number;
  lastTakeId?: string;
  lastReturnedAt?: number;
  adminWriteId?: string;
};

/**
 * A drop's hot state. With `stockShards` > 1, the stock figures and the last-write times are those
 * of all shards together (sums and latest), and `shards` holds each shard's own.
 */
export type DropState = {
  id: string;
  remainingStock: number;
  totalStock: number;
  /** Stock items the stock is split over (1–64); 1 = the drop item alone, as before shards. */
  stockShards: number;
  /** Bumped by every write of the window or phase on the drop item; shards copy it with them. */
  settingsVersion?: number;
  /** Each shard's own figures, by shard number; present when stockShards > 1. */
  shards?: ShardStock[];
  startsAt: number; // epoch ms, compared inside the claim's condition
  endsAt: number;
  phase: Phase;
  maxPerShopper: number;
  holdSeconds: number;
  lastTakenAt?: number; // epoch ms of the last successful claim write (for the audit)
  lastTakeId?: string; // the claim of that write: a resend of it is recognised (lib/stock/take.ts)
  lastReturnedAt?: number; // epoch ms of the last unit put back by a hold's end
  adminWriteId?: string; // the last admin write: its resend is recognised (lib/drop/admin-writes.ts)
  /** Whether a guest's claim needs a solved proof-of-work challenge (lib/security/pow.ts). */
  botDefence: BotDefence;
  /**
   * "draw": a draw drop (lib/entries), set at creation and never changed: shoppers enter during the
   * window instead of claiming, and units go to the draw's winners after it. Absent: first come.
   */
  mode?: "draw";
  /**
   * The waiting room's settings, on the hot item so a claim sees from the cached state alone whether
   * it needs a pass (lib/claim/claim-unit.ts). Absent on a drop that never had one.
   */
  waitingRoom?: WaitingRoom;
  /** A rehearsal drop (race arena, race CLI): deletable with its claims once over (lib/admin/delete-drop.ts). */
  rehearsal?: boolean;
  /**
   * On a rehearsal drop only, its brand, written on the hot item at creation: whose rehearsal
   * shoppers it excuses (rehearsesOn, below) without a read of the cold item.
   */
  brandId?: string;
};

/** The one place a drop's status is derived; the claim's condition enforces the same rules. */
export function dropStatus(
  d: Pick<DropState, "phase" | "startsAt" | "endsAt" | "remainingStock">,
  now: number,
): DropStatus {
  if (d.phase === "draft") return "draft";
  if (d.phase === "ended" || now >= d.endsAt) return "ended";
  if (d.phase === "paused") return "paused";
  if (now < d.startsAt) return "scheduled";
  if (d.remainingStock <= 0) return "sold_out";
  return "live";
}

/**
 * Whether `rehearsal` excuses its shopper on `drop` (the proof of work, the claim limit, and its
 * Server-Timing): only on a rehearsal drop, and only on its own brand's unless it is the operator's.
 * A rehearsal drop carries its brand on its hot item (lib/drop/drops.ts): the cached state has it.
 */
export function rehearsesOn(
  rehearsal: Rehearsal | undefined,
  drop: Pick<DropState, "rehearsal" | "brandId"> | undefined,
): boolean {
  if (rehearsal === undefined || drop?.rehearsal !== true) return false;
  return rehearsal === "operator" || (drop.brandId !== undefined && rehearsal.brandId === drop.brandId);
}
