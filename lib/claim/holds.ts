import "server-only";
import { randomUUID } from "node:crypto";
import { getClaimItem, getOwnedClaim, toClaim } from "@/lib/claim/reads";
import { table } from "@/lib/db/client";
import { isRefused, writeIf } from "@/lib/db/conditional";
import { claimIndexKeys, listQuery, lists, setInList } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { getDropState } from "@/lib/stock/reads";
import type { DropState } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";
import { faults } from "@/lib/claim/faults";
import { giveBackSlot } from "@/lib/claim/slots";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { returnUnit } from "@/lib/stock/take";
import type { Claim } from "@/lib/schemas/claim";

// A hold ends exactly once: the conditional write on the claim (status = held) is the gate, and
// only its winner returns the unit with a plain increment. Never a transaction on the drop item.

type Ref = { claimId: string; dropId: string; now: number };

/**
 * held → released (by its shopper) or expired (deadline passed); the unit goes back to stock.
 * `endId` marks which request ended it, so when the SDK resends a write whose answer was lost
 * (and the resend fails the condition), we still know the hold is ours to give back.
 */
async function endHold({
  claimId,
  dropId,
  now,
  to,
  shopperId,
}: Ref & { to: "released" | "expired"; shopperId?: string }): Promise<Claim | undefined> {
  const owner = shopperId ? " AND shopperId = :me" : "";
  const due = to === "expired" ? " AND holdUntil <= :now" : "";
  const endId = randomUUID();
  // endedAt is the time of the write: the audit waits WRITER_DEAD_MS after it.
  const at = Date.now();
  // The claim leaves the live holds for the drop's ended claims in the same write, before its unit
  // goes back: a return lost after it is still seen by the sweeper (lib/claim/sweep.ts).
  const ended = setInList(lists.endedOf(dropId), claimIndexKeys.ended(at, claimId));
  let claim: Claim;
  let shard: number;
  try {
    const { Attributes } = await table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET #status = :to, endedAt = :at, endId = :endId, ${ended.clause}`,
      // Only a live hold of this drop can end, once: a racing confirm, release or sweeper loses here.
      ConditionExpression: `#status = :held AND dropId = :drop${owner}${due}`,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":to": to,
        ":held": "held",
        ":drop": dropId,
        ...(to === "expired" ? { ":now": now } : {}),
        ":at": at,
        ":endId": endId,
        ...(shopperId ? { ":me": shopperId } : {}),
        ...ended.values,
      },
      ReturnValues: "ALL_NEW",
    });
    claim = toClaim(Attributes!);
    shard = (Attributes!.stockShard as number | undefined) ?? 0;
  } catch (err) {
    if (!isRefused(err)) throw err;
    const item = await getClaimItem({ id: claimId });
    if (item?.endId !== endId) return undefined; // somebody else ended it (or confirmed it)
    claim = toClaim(item);
    shard = (item.stockShard as number | undefined) ?? 0;
  }
  faults.afterHoldEnded?.();
  // The unit's return is sent at most once (lib/stock/take.ts): a crash or a lost answer strands it
  // until reconciliation returns it. The slot's give-back is idempotent; a crash before it leaves
  // the slot to the shopper's next claim, which drops the ended claim from it (lib/claim/claim-unit.ts).
  await returnUnit({ dropId: claim.dropId, shard });
  await giveBackSlot({
    dropId: claim.dropId,
    shopperId: claim.shopperId,
    claimId,
    expired: to === "expired",
  });
  return claim;
}

/** The shopper gives the unit back. Idempotent for a claim already released. */
export async function releaseHold({
  claimId,
  shopperId,
  now,
}: Omit<Ref, "dropId"> & { shopperId: string }): Promise<Claim> {
  const { dropId } = await getOwnedClaim({ claimId, shopperId }); // another's claim: 404, nothing written
  const released = await endHold({ claimId, dropId, now, to: "released", shopperId });
  if (released) return released;
  const claim = await getOwnedClaim({ claimId, shopperId });
  if (claim.status === "released") return claim;
  if (claim.status === "confirmed")
    throw new AppError("ALREADY_CONFIRMED", "This order is already checked out.");
  throw holdEnded("expired");
}

/** The refusal for a hold that ended before it was checked out. */
export function holdEnded(how: "released" | "expired") {
  return how === "expired"
    ? new AppError("HOLD_EXPIRED", "Your hold expired and the unit went back to stock.")
    : new AppError("HOLD_RELEASED", "You released this hold; the unit went back to stock.");
}

/** held → expired, once its deadline has passed; false when the hold had already ended. */
export async function expireHold({ claimId, dropId, now }: Ref): Promise<boolean> {
  return (await endHold({ claimId, dropId, now, to: "expired" })) !== undefined;
}

/**
 * Expires the drop's holds whose deadline has passed, oldest first. One query over each list of live
 * holds (unpaid and paid): they also tell the next deadline, before which no hold of this drop can expire.
 */
async function releaseDue({ dropId, now, limit }: { dropId: string; now: number; limit: number }) {
  const pages = await Promise.all(
    [false, true].map(async (paid) => {
      const { Items = [] } = await table.query({
        ...listQuery(claimIndexKeys.holds(dropId, paid)),
        Limit: limit + 1,
      });
      return Items;
    }),
  );
  const firstDue = (items: Record<string, unknown>[]) =>
    items.filter((item) => (item.holdUntil as number) <= now).slice(0, limit);
  const due = pages.flatMap(firstDue);
  const ended = await Promise.all(due.map((item) => expireHold({ claimId: item.id as string, dropId, now })));
  const deadlines = pages
    .map((items) => items.find((item) => (item.holdUntil as number) > now)?.holdUntil as number | undefined)
    .filter((at) => at !== undefined);
  // More due than one page of a list: look again at once.
  const more = pages.some((items) => firstDue(items).length === limit);
  return {
    released: ended.filter(Boolean).length,
    nextDeadline: more ? now : deadlines.length ? Math.min(...deadlines) : undefined,
  };
}

export async function releaseExpiredHolds({
  dropId,
  now,
  limit = 100,
}: {
  dropId: string;
  now: number;
  limit?: number;
}): Promise<number> {
  return (await releaseDue({ dropId, now, limit })).released;
}

/**
 * Per drop, a time before which none of its holds can expire, so most loads and sweeps skip the
 * query. Memory only saves reads here: a process that never saw the drop just queries.
 */
const quietUntil = new Map<string, number>();

/** The drop's state after returning any expired holds: whoever reads next never waits on TTL. */
export async function getDropStateReleasingExpired({
  id,
  now,
}: {
  id: string;
  now: number;
}): Promise<DropState | undefined> {
  const state = await getDropState({ id });
  if (!state || state.phase === "draft") return state;
  const released = await releaseDueUnlessQuiet(state, now);
  return released > 0 ? getDropState({ id, consistent: true }) : state;
}

/**
 * With payments on, a hold moves between the two lists (at checkout, or when its authorisation is
 * let go), and in that moment, or while the index lags, it may be in neither page read: its deadline
 * is then not among those seen, so the lists are read again within this, whatever they said.
 */
const MOVING_HOLDS_MS = 60_000;

/** The sweeper's turn on one published drop: its expired holds, unless none can be due yet. */
export async function releaseDueUnlessQuiet(state: DropState, now: number): Promise<number> {
  if (now < (quietUntil.get(state.id) ?? 0)) return 0;
  const { released, nextDeadline } = await releaseDue({ dropId: state.id, now, limit: 100 });
  // With no live hold, the earliest a new one can expire is a full hold from now.
  const quiet = nextDeadline ?? now + state.holdSeconds * 1000;
  quietUntil.set(state.id, paymentProvider() ? Math.min(quiet, now + MOVING_HOLDS_MS) : quiet);
  if (quietUntil.size > 10_000) quietUntil.delete(quietUntil.keys().next().value as string);
  return released;
}

/** The longest a payment's authentication step extends a hold: a few minutes, never twice. */
export const PAYMENT_GRACE_MAX_MS = 3 * 60_000;

/**
 * A live hold whose payment asks the shopper to authenticate gets more time, once: as long again as
 * the drop's hold, at most PAYMENT_GRACE_MAX_MS. Its deadline moves in the live-holds list too.
 * Safe to repeat: conditional on the deadline it read and on never having been extended.
 */
export async function extendHold({
  claimId,
  paymentId,
  now,
}: {
  claimId: string;
  paymentId: string;
  now: number;
}): Promise<boolean> {
  const item = await getClaimItem({ id: claimId });
  if (item?.status !== "held" || item.paymentId !== paymentId || item.extendedAt !== undefined) return false;
  const holdUntil = item.holdUntil as number;
  const state = await getDropState({ id: item.dropId as string });
  if (!state || holdUntil <= now) return false;
  const until = holdUntil + Math.min(PAYMENT_GRACE_MAX_MS, state.holdSeconds * 1000);
  const holdExpiresAt = new Date(until).toISOString();
  const inList = setInList(
    claimIndexKeys.holds(state.id, true),
    claimIndexKeys.byDeadline(holdExpiresAt, claimId),
  );
  const write = await writeIf(
    table.update({
      Key: keys.claim(claimId),
      UpdateExpression: `SET holdUntil = :until, holdExpiresAt = :iso, extendedAt = :now, ${inList.clause}`,
      ConditionExpression:
        "#status = :held AND holdUntil = :was AND paymentId = :pid AND attribute_not_exists(extendedAt)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":until": until,
        ":iso": holdExpiresAt,
        ":now": now,
        ":held": "held",
        ":was": holdUntil,
        ":pid": paymentId,
        ...inList.values,
      },
    }),
  );
  return write.applied;
}
