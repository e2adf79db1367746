import "server-only";
import { getClaimItem } from "@/lib/claim/reads";
import { drawClaimId } from "@/lib/entries/claim-id";
import { advanceReleases, readDraw } from "@/lib/entries/draw-item";
import { release } from "@/lib/entries/paid-entry";
import { rankedSlice } from "@/lib/entries/ranking";
import { paymentProvider } from "@/lib/payments/hold-payment";
import { listPayments } from "@/lib/payments/payments";

// Paid entries the draw did not pick have their card's authorisation released at once (issue 24):
// the ranks past the winners, the waitlist too, a batch at a time, `releasedUpTo` on the draw item
// marking how far. Ranks already offered a unit are skipped: their hold captures or checks out. A
// waitlisted entry offered a unit later checks out with a new payment. Safe to repeat and to run
// twice at once: a release is idempotent at the provider and a forward-only move here.

/** Ranks per batch (a batch read of their payments takes at most 100 keys). */
const BATCH = 100;

/** Releases the next batches (up to `batches`; the sweeper goes on from there). */
export async function releaseLosers(dropId: string, now: number, batches = Infinity): Promise<number> {
  const provider = paymentProvider();
  if (!provider) return 0;
  let released = 0;
  for (let batch = 0; batch < batches; batch++) {
    const draw = await readDraw(dropId, true);
    if (!draw?.drawn) return released;
    const from = Math.max(draw.releasedUpTo, draw.drawn.units, draw.offeredUpTo);
    const to = Math.min(from + BATCH, draw.drawn.entryCount);
    if (to <= from) return released;
    const ranked = await rankedSlice(dropId, from, to);
    const payments = await listPayments({ claimIds: ranked.map((r) => drawClaimId(dropId, r.entryId)) });
    const results = await Promise.all(
      payments
        .filter((p) => p.status === "authorised")
        .map((p) =>
          release(provider, p, now).then(
            () => true,
            // Offered meanwhile and captured, or the provider's trouble: the next sweep looks again.
            (err) => console.error(`Releasing ${p.claimId}:`, err instanceof Error ? err.message : err),
          ),
        ),
    );
    released += results.filter(Boolean).length;
    if (results.some((r) => r !== true)) return released; // not past a batch with one left to release
    await advanceReleases(dropId, to);
  }
  return released;
}

/**
 * Winners' holds that ended with their authorisation never captured (the provider down through the
 * whole hold, a winner who let it go while the capture waited): released, never left to expire at
 * the bank. The offered ranks are few (the units, and the waitlist's backfills).
 */
export async function releaseEnded(dropId: string, now: number): Promise<number> {
  const provider = paymentProvider();
  const draw = provider && (await readDraw(dropId));
  if (!provider || !draw?.drawn) return 0;
  let released = 0;
  for (let from = 0; from < draw.offeredUpTo; from += BATCH) {
    const ranked = await rankedSlice(dropId, from, Math.min(from + BATCH, draw.offeredUpTo));
    const payments = await listPayments({ claimIds: ranked.map((r) => drawClaimId(dropId, r.entryId)) });
    for (const p of payments.filter((x) => x.status === "authorised")) {
      const hold = await getClaimItem({ id: p.claimId });
      if (hold?.status === "held" && (hold.holdUntil as number) > now) continue; // its capture is under way
      await release(provider, p, now).then(
        () => released++,
        (err) => console.error(`Releasing ${p.claimId}:`, err instanceof Error ? err.message : err),
      );
    }
  }
  return released;
}
