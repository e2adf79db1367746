import "server-only";
import { sweptDropStates } from "@/lib/drop/feed-entries";
import { readDraw } from "@/lib/entries/draw-item";
import { fillOffers } from "@/lib/entries/offers";
import { sweepEntryAuths } from "@/lib/entries/paid-entry";
import { releaseEnded, releaseLosers } from "@/lib/entries/release-losers";
import { drawableAt, runDraw } from "@/lib/entries/run-draw";
import { paymentProvider } from "@/lib/payments/hold-payment";

// The sweeper's part for draws (after the claim room's, which returns expired holds' units): each
// draw drop closed in the last day is drawn once it can be, and its free units offered down the
// ranking. A quiet drawn drop costs nothing past the listing the claim sweeper also makes.
// With payments on, each draw's paid entries under way are looked after (entered once authorised,
// lapsed after the close) and, once drawn, the authorisations of those not picked released.

/** How long after its close a draw is swept: its waitlist moves until then. */
export const WAITLIST_MS = 24 * 3_600_000;

export async function sweepDraws({ now }: { now: number }) {
  const paid = paymentProvider() !== undefined;
  const states = (await sweptDropStates({ since: now - WAITLIST_MS })).filter(
    (s) => s.mode === "draw" && (s.endsAt <= now || (paid && s.startsAt <= now)),
  );
  let drawn = 0;
  let offered = 0;
  for (const state of states) {
    try {
      if (state.endsAt > now) {
        if (paid) await sweepEntryAuths(state.id, now);
        continue;
      }
      const draw = await readDraw(state.id);
      if (!draw) continue;
      if (!draw.drawn) {
        if (now < drawableAt(state, draw.beacon)) continue;
        await runDraw(state, now);
        drawn++;
      }
      if (state.remainingStock > 0 && (!draw.drawn || draw.offeredUpTo < draw.drawn.entryCount))
        offered += await fillOffers(state.id, now);
      // After the draw's own work: abandoned card steps never hold up the winners' orders.
      if (paid) {
        await releaseLosers(state.id, now);
        await releaseEnded(state.id, now);
        await sweepEntryAuths(state.id, now);
      }
    } catch (err) {
      // One drop's trouble (a beacon relay down) never stops the others; the next sweep retries.
      console.error(`draw sweep of ${state.id}:`, err instanceof Error ? err.message : err);
    }
  }
  return { draws: states.length, drawn, offered };
}
