import "server-only";
import { ONE_ATTEMPT_DEAD_MS } from "@/lib/db/connect";
import { drawRound, roundTime } from "@/lib/draw/beacon";
import { entriesHash, score } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";
import { fetchRound } from "@/lib/entries/beacon-round";
import { readDraw, recordDrawn, type DrawItem } from "@/lib/entries/draw-item";
import { allEntries } from "@/lib/entries/entries";
import { writeRanking } from "@/lib/entries/ranking";
import { AppError } from "@/lib/errors";
import type { DropState } from "@/lib/stock/status";

// The draw, once its window has closed: the entries made before the close, hashed; the beacon
// round's randomness; every entry scored and ranked (lib/draw, the same code the verifier runs);
// the ranking stored in parts; the result recorded once. A rerun computes the same result.

/**
 * When a draw drop can be drawn: no entry made before the close can still be landing (each is
 * sent once: lib/entries/entries.ts), and its beacon round exists.
 */
export function drawableAt(state: Pick<DropState, "endsAt">, beacon: DrawItem["beacon"]): number {
  const settled = state.endsAt + ONE_ATTEMPT_DEAD_MS;
  return beacon === "off" ? settled : Math.max(settled, roundTime(drawRound(state.endsAt)));
}

/** Draws `state`'s drop (a draw drop whose window closed); answers the draw as recorded. */
export async function runDraw(state: DropState, now: number): Promise<DrawItem> {
  const draw = await readDraw(state.id, true);
  if (!draw) throw new AppError("NOT_A_DRAW", "This drop is not a draw.");
  if (draw.drawn) return draw;
  const at = drawableAt(state, draw.beacon);
  if (now < at)
    throw new AppError("DRAW_NOT_READY", `This draw can run from ${new Date(at).toISOString()}.`, {
      drawableAt: new Date(at).toISOString(),
    });
  const beacon = draw.beacon === "off" ? undefined : await fetchRound(drawRound(state.endsAt));
  const randomness = beacon?.randomness ?? "";
  const entries = await allEntries(state.id, state.endsAt);
  const ids = entries.map((e) => e.id);
  const hash = entriesHash(ids);
  const { winners, waitlist } = rankEntries({
    seed: draw.seed,
    randomness,
    entriesHash: hash,
    entryIds: ids,
    totalStock: state.totalStock,
  });
  const shopperOf = new Map(entries.map((e) => [e.id, e.shopperId]));
  const ranked = [...winners, ...waitlist].map((entryId) => ({
    entryId,
    shopperId: shopperOf.get(entryId)!,
  }));
  const boundaries = await writeRanking(state.id, ranked, (id) => score(draw.seed, randomness, hash, id));
  await recordDrawn(state.id, {
    randomness,
    ...(beacon ? { signature: beacon.signature } : {}),
    entriesHash: hash,
    entryCount: ids.length,
    units: state.totalStock,
    boundaries,
    drawnAt: now,
  });
  return (await readDraw(state.id, true))!;
}
