import "server-only";
import { randomUUID } from "node:crypto";
import { faults } from "@/lib/claim/faults";
import { captureHold } from "@/lib/claim/paid";
import { putHold, type HoldPaid } from "@/lib/claim/put-hold";
import { getClaim } from "@/lib/claim/reads";
import { drawClaimId } from "@/lib/entries/claim-id";
import { advanceOffers, endOfferLease, leaseOffers, readDraw } from "@/lib/entries/draw-item";
import { getEntry } from "@/lib/entries/entries";
import { rankedSlice, type Ranked } from "@/lib/entries/ranking";
import { getPayment } from "@/lib/payments/payments";
import { getDropState } from "@/lib/stock/reads";
import { takeUnit } from "@/lib/stock/take";
import type { DropState } from "@/lib/stock/status";

// Units go down the ranking: the winners first, then the waitlist in order, each entry's hold a
// claim like a first-come one (same hold, checkout, order and mails). Exactly once per entry: its
// claim id is derived from the entry, THE write records it (lastTakeId) and the hold's Put is
// conditional, so a rerun after a lost answer or a crash finds what it already did. Then
// `offeredUpTo` moves past the batch, conditionally. A unit stranded by a crash between the take
// and the hold is returned by reconciliation (lib/claim/audit.ts) and offered again.
// A paid entry's hold (lib/entries/paid-entry.ts) starts with the order sent at entry and, while its
// card is still authorised, is captured into that order at once: no checkout step. Otherwise (the
// authorisation was released) the winner checks out with a new payment.

/** At most this many offers at once (each is a take and a hold). */
const BATCH = 25;

type Offered = "held" | "no unit";

/** One entry's unit: its hold, taken now or found from an earlier attempt. */
async function offer(state: DropState, ranked: Ranked, now: number): Promise<Offered> {
  const claimId = drawClaimId(state.id, ranked.entryId);
  const held = await getClaim({ id: claimId });
  if (!held) {
    const taken = await takeUnit({ dropId: state.id, claimId, forDraw: true });
    if (typeof taken === "string") return "no unit";
    faults.afterTakeUnit?.();
    const paid = await paidWith(state.id, ranked.shopperId, claimId);
    await putHold(
      { claimId, dropId: state.id, shopperId: ranked.shopperId, now },
      state.holdSeconds,
      0,
      paid,
    );
    if (!paid?.paymentId) return "held";
  } else if (held.status !== "held") return "held";
  // The capture's trouble (the provider down) never stops the offers: the reconciler captures it.
  await captureHold({ claimId, now }).catch((err) =>
    console.error(`Capturing ${claimId}:`, err instanceof Error ? err.message : err),
  );
  return "held";
}

/** A paid entry's order, and its authorisation while it can still be captured. */
async function paidWith(dropId: string, shopperId: string, claimId: string): Promise<HoldPaid | undefined> {
  const paid = (await getEntry(dropId, shopperId))?.paid;
  if (!paid) return undefined;
  const payment = await getPayment({ claimId });
  const live = payment?.status === "authorised" && payment.paymentId === paid.paymentId;
  return { pendingOrder: paid.order, ...(live ? { paymentId: paid.paymentId } : {}) };
}

/**
 * Offers the drop's free units down the ranking until units or entries run out. Any number of
 * sweepers may call it at once: one holds the lease and offers, the others return (0).
 */
export async function fillOffers(dropId: string, now: number): Promise<number> {
  const leaseId = randomUUID();
  if (!(await leaseOffers(dropId, leaseId, Date.now()))) return 0;
  try {
    return await offerWhileLeased(dropId, leaseId, now);
  } finally {
    await endOfferLease(dropId, leaseId).catch(() => undefined); // else it runs out by itself
  }
}

async function offerWhileLeased(dropId: string, leaseId: string, now: number): Promise<number> {
  let offered = 0;
  for (;;) {
    // Renewed before each batch: a batch's writes end well inside one lease.
    if (!(await leaseOffers(dropId, leaseId, Date.now()))) return offered;
    const [draw, state] = await Promise.all([
      readDraw(dropId, true),
      getDropState({ id: dropId, consistent: true }),
    ]);
    if (!draw?.drawn || !state || state.mode !== "draw" || state.phase === "draft") return offered;
    const from = draw.offeredUpTo;
    const count = Math.min(BATCH, Math.max(0, state.remainingStock), draw.drawn.entryCount - from);
    if (count <= 0) return offered;
    const batch = await rankedSlice(dropId, from, from + count);
    const results = await Promise.all(batch.map((r) => offer(state, r, now)));
    // Only a run of held offers from the front moves the mark: an entry left without a unit keeps its place.
    const held = results.findIndex((r) => r !== "held");
    const moved = held < 0 ? results.length : held;
    offered += moved;
    if (moved === 0) return offered;
    await advanceOffers(dropId, from, from + moved);
  }
}
