import "server-only";
import { dropLedger } from "@/lib/claim/ledger";
import { listDropClaims } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { keys } from "@/lib/db/table";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { invalidateDropState } from "@/lib/stock/cache";
import { getDropState } from "@/lib/stock/reads";
import { shardKey, shardOf } from "@/lib/stock/shards";
import type { ShardStock } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";
import { faults } from "@/lib/claim/faults";
import type { AuditReport, Reconciliation } from "@/lib/schemas/claim";
import { countStrandedReturned } from "@/lib/telemetry";

/**
 * Reconciliation: totalStock == remainingStock + held + confirmed. A crash between two writes
 * strands a unit (stock taken but no claim written; or a hold ended, or an order refunded back on
 * sale, but its unit not returned): the sum then falls short. The audit returns such units only
 * when no writer can still be in flight, and never moves stock toward an oversell. With it, the
 * drop's money line (lib/claim/ledger.ts), from the same listing of its claims.
 */
async function snapshot({ dropId, now, paced = false }: { dropId: string; now: number; paced?: boolean }) {
  const state = await getDropState({ id: dropId, consistent: true });
  if (!state) throw new AppError("NOT_FOUND", "No such drop.");
  const claims = await listDropClaims({ dropId, paced });
  // A refunded order whose unit went back on sale holds none from its refund's gate on.
  const restocked = claims.filter((c) => c.status === "confirmed" && c.refund?.restocked);
  const live = claims.filter(
    (c) => c.status === "held" || (c.status === "confirmed" && !c.refund?.restocked),
  );
  const held = live.filter((c) => c.status === "held").length;
  const { ledger, holds } = await dropLedger(claims);
  const reconciliation: Reconciliation = {
    dropId,
    totalStock: state.totalStock,
    remainingStock: state.remainingStock,
    held,
    confirmed: live.length - held,
    restocked: restocked.length,
    winners: new Set(live.map((c) => c.shopperId)).size,
    unaccounted: state.totalStock - state.remainingStock - live.length,
    oversold: Math.max(0, live.length - state.totalStock),
    ledger,
    ledgerHolds: holds,
    reconciledAt: new Date(now).toISOString(),
  };
  // The latest moment a writer touched a unit: a take, a hold ending, a refund putting one back.
  const lastActivity = Math.max(
    state.lastTakenAt ?? 0,
    state.lastReturnedAt ?? 0,
    ...claims.map((c) => c.endedAt ?? 0),
    ...restocked.map((c) => Date.parse(c.refund!.at)),
  );
  return { reconciliation, lastActivity, state };
}

// The proof reads every claim of the drop, and a sell-out is when everyone reloads its page: one
// computation per drop and server every few seconds serves them all (it says when it was computed).
const PROOF_MAX_AGE_MS = 5000;
const proofs = new Map<string, { at: number; value: Promise<Reconciliation> }>();

/** The public proof on sold-out and ended drops, at most 5 s old. */
export function dropProof(dropId: string, now = Date.now()): Promise<Reconciliation> {
  const hit = proofs.get(dropId);
  if (hit && now - hit.at < PROOF_MAX_AGE_MS) return hit.value;
  const entry = { at: now, value: snapshot({ dropId, now }).then((s) => s.reconciliation) };
  proofs.set(dropId, entry);
  entry.value.catch(() => proofs.get(dropId) === entry && proofs.delete(dropId)); // never cache a failure
  if (proofs.size > 1000) proofs.delete(proofs.keys().next().value as string);
  return entry.value;
}

export async function auditDrop({
  dropId,
  now = Date.now(),
  by = "admin",
}: {
  dropId: string;
  now?: number;
  /** Who asked: the sweeper's returns are logged for the admin's live view. */
  by?: "admin" | "sweeper";
}): Promise<AuditReport> {
  // The sweeper's audit is background work: it reads the claims paced, the admin's at full speed.
  const { reconciliation: r, lastActivity, state } = await snapshot({ dropId, now, paced: by === "sweeper" });
  await faults.afterAuditSnapshot?.();
  const report = (action: AuditReport["action"], note: string, returned = 0): AuditReport => ({
    ...r,
    action,
    returned,
    note,
  });

  if (r.unaccounted === 0) return report("none", "Stock and claims agree.");
  if (r.unaccounted < 0) {
    return report(
      "anomaly",
      `${-r.unaccounted} more units are claimed than were taken from stock. Nothing was changed.`,
    );
  }
  if (now - lastActivity < WRITER_DEAD_MS) {
    const wait = Math.ceil((WRITER_DEAD_MS - (now - lastActivity)) / 1000);
    return report(
      "waiting",
      `${r.unaccounted} units are unaccounted for, but a writer may still be in flight. Run again in ${wait} s.`,
    );
  }
  // The units go back to the drop item (shard 0); its own figures are the condition's.
  const head = shardOf(state, 0)!;
  try {
    await forgetTakeIds(dropId, state.shards ?? []);
    await sendOnce(() => ({
      Key: keys.drop(dropId),
      // lastTakeId goes: a claim whose unit this returns must take a new one if it is retried.
      UpdateExpression: "ADD remainingStock :stranded SET lastReconciledAt = :now REMOVE lastTakeId",
      // Only if nothing moved on it since the snapshot: two audits, or an audit and a claim, never
      // double-return (a take on another shard moves its remaining and its claim together).
      // lastTakenAt exactly as seen: a claim recognising its own earlier take sets it
      // (lib/stock/take.ts), and an equality needs no agreement between servers' clocks.
      // Sent at most once (lib/db/write-once.ts): a lost answer is settled by the next run.
      ConditionExpression:
        "remainingStock = :remaining AND totalStock = :total AND " +
        (head.lastTakenAt === undefined ? "attribute_not_exists(lastTakenAt)" : "lastTakenAt = :seen"),
      ExpressionAttributeValues: {
        ":stranded": r.unaccounted,
        ":remaining": head.remainingStock,
        ":total": head.totalStock,
        ...(head.lastTakenAt === undefined ? {} : { ":seen": head.lastTakenAt }),
        ":now": now,
      },
    }));
  } catch (err) {
    if (isRefused(err))
      return report("changed", "The drop changed during the audit; nothing was changed. Run it again.");
    if (err instanceof UnknownOutcome)
      return report("changed", "The database's answer was lost; the next run settles it.");
    throw err;
  }
  invalidateDropState(dropId); // this server's next read shows the returned units
  countStrandedReturned(r.unaccounted);
  if (by === "sweeper") await logAutoReturn({ dropId, at: now, units: r.unaccounted });
  return report("returned", `Returned ${r.unaccounted} stranded units to stock.`, r.unaccounted);
}

/**
 * Before units go back: shards 1…K−1 forget the last take they saw, as the drop item does in the
 * return itself, so a retried claim whose unit is being returned takes a new one rather than
 * finding its id there. Conditional on the id and its time as seen: a take since then, or a claim
 * that recognised its own earlier take (lib/stock/take.ts), makes this fail, and the audit stops.
 */
async function forgetTakeIds(dropId: string, shards: ShardStock[]): Promise<void> {
  await Promise.all(
    shards
      .filter((s) => s.shard > 0 && s.lastTakeId !== undefined)
      .map((s) =>
        table.update({
          Key: shardKey(dropId, s.shard),
          UpdateExpression: "REMOVE lastTakeId",
          ConditionExpression: "lastTakeId = :seen AND lastTakenAt = :at",
          ExpressionAttributeValues: { ":seen": s.lastTakeId, ":at": s.lastTakenAt ?? 0 },
        }),
      ),
  );
}

export type AutoReturn = { at: string; units: number };
const MAX_LOGGED_RETURNS = 50;

/** Each automatic return, on a cold item of its own (never the drop's), for the admin's live view. */
async function logAutoReturn({ dropId, at, units }: { dropId: string; at: number; units: number }) {
  const event: AutoReturn = { at: new Date(at).toISOString(), units };
  try {
    await sendOnce(() => ({
      Key: keys.autoReturns(dropId),
      UpdateExpression: "SET events = list_append(if_not_exists(events, :none), :event)",
      ConditionExpression: "attribute_not_exists(events) OR size(events) < :max", // a bounded log
      ExpressionAttributeValues: { ":none": [], ":event": [event], ":max": MAX_LOGGED_RETURNS },
    }));
  } catch (err) {
    // A log line: the return itself has happened. A full or lost log line is not worth an error.
    if (!isRefused(err) && !(err instanceof UnknownOutcome)) throw err;
  }
}

export async function listAutoReturns(dropId: string): Promise<AutoReturn[]> {
  const { Item } = await table.get({ Key: keys.autoReturns(dropId) });
  return (Item?.events as AutoReturn[] | undefined) ?? [];
}

/** Forgets a removed rehearsal drop's automatic returns (lib/admin/delete-drop.ts). */
export async function deleteAutoReturns(dropId: string): Promise<void> {
  await table.delete({ Key: keys.autoReturns(dropId) });
}
