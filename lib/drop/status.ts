import type { DropStatus } from "@/lib/schemas/drop";

export type Phase = "draft" | "active" | "paused" | "ended";

export type DropState = {
  id: string;
  remainingStock: number;
  totalStock: number;
  startsAt: number; // epoch ms, compared inside the claim's condition
  endsAt: number;
  phase: Phase;
  maxPerShopper: number;
  holdSeconds: number;
  lastTakenAt?: number; // epoch ms of the last successful claim write (for the audit)
  lastTakeId?: string; // the claim of that write: a resend of it is recognised (lib/claim/stock.ts)
  lastReturnedAt?: number; // epoch ms of the last unit put back by a hold's end
  adminWriteId?: string; // the last admin write: its resend is recognised (lib/drop/admin-writes.ts)
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
