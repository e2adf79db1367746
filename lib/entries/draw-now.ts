import "server-only";
import { fillOffers } from "@/lib/entries/offers";
import { drawDrop, publishedDraw } from "@/lib/entries/published";
import { runDraw } from "@/lib/entries/run-draw";
import { getDropState } from "@/lib/stock/reads";

/** The admin's "Draw now": the draw (once), its units offered, and the draw as published. */
export async function drawNow(dropId: string, now: number) {
  await drawDrop(dropId);
  const state = (await getDropState({ id: dropId, consistent: true }))!;
  await runDraw(state, now);
  await fillOffers(dropId, now);
  return { draw: await publishedDraw(dropId, now) };
}
