import "server-only";
import { fillOffers } from "@/lib/entries/offers";
import { drawDrop, publishedDraw } from "@/lib/entries/published";
import { releaseLosers } from "@/lib/entries/release-losers";
import { runDraw } from "@/lib/entries/run-draw";
import { getDropState } from "@/lib/stock/reads";

/**
 * The admin's "Draw now": the draw (once), its units offered, the first losers' authorisations
 * released (the sweeper releases the rest), and the draw as published.
 */
export async function drawNow(dropId: string, now: number) {
  await drawDrop(dropId);
  const state = (await getDropState({ id: dropId, consistent: true }))!;
  await runDraw(state, now);
  await fillOffers(dropId, now);
  await releaseLosers(dropId, now, 10);
  return { draw: await publishedDraw(dropId, now) };
}
