import "server-only";
import { sweptDropStates } from "@/lib/drop/feed-entries";
import { readDraw } from "@/lib/entries/draw-item";
import { fillOffers } from "@/lib/entries/offers";
import { drawableAt, runDraw } from "@/lib/entries/run-draw";

// The sweeper's part for draws (after the claim room's, which returns expired holds' units): each
// draw drop closed in the last day is drawn once it can be, and its free units offered down the
// ranking. A quiet drawn drop costs nothing past the listing the claim sweeper also makes.

/** How long after its close a draw is swept: its waitlist moves until then. */
export const WAITLIST_MS = 24 * 3_600_000;

export async function sweepDraws({ now }: { now: number }) {
  const states = (await sweptDropStates({ since: now - WAITLIST_MS })).filter(
    (s) => s.mode === "draw" && s.endsAt <= now,
  );
  let drawn = 0;
  let offered = 0;
  for (const state of states) {
    const draw = await readDraw(state.id);
    if (!draw) continue;
    try {
      if (!draw.drawn) {
        if (now < drawableAt(state, draw.beacon)) continue;
        await runDraw(state, now);
        drawn++;
      } else if (state.remainingStock <= 0 || draw.offeredUpTo >= draw.drawn.entryCount) continue;
      offered += await fillOffers(state.id, now);
    } catch (err) {
      // One drop's trouble (a beacon relay down) never stops the others; the next sweep retries.
      console.error(`draw sweep of ${state.id}:`, err instanceof Error ? err.message : err);
    }
  }
  return { draws: states.length, drawn, offered };
}
