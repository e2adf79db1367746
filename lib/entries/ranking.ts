import "server-only";
import { table } from "@/lib/db/client";
import { batchGet } from "@/lib/db/batched-get";
import { keys } from "@/lib/db/table";
import { score } from "@/lib/draw/formulas";
import type { DrawItem } from "@/lib/entries/draw-item";

// A drawn ranking, stored in parts of PART_SIZE lines "<entryId> <shopperId>" in ranked order, so
// the waitlist's next entry and any one entry's rank cost one small read each, at any size. The
// draw item keeps each part's first (score, id): an entry's own score says which part holds it.

export const PART_SIZE = 4000;

export type Ranked = { entryId: string; shopperId: string };

/** Where (score, id) sorts: scores are 64 hex digits, so the string compares score first, then id. */
export const boundaryKey = (entryScore: string, entryId: string) => `${entryScore}#${entryId}`;

/** Writes the ranking's parts (identical on a rerun) and answers their boundaries. */
export async function writeRanking(dropId: string, ranked: Ranked[], scoreOf: (id: string) => string) {
  const boundaries: string[] = [];
  for (let part = 0; part * PART_SIZE < ranked.length; part++) {
    const slice = ranked.slice(part * PART_SIZE, (part + 1) * PART_SIZE);
    boundaries.push(boundaryKey(scoreOf(slice[0]!.entryId), slice[0]!.entryId));
    await table.put({
      Item: {
        ...keys.drawRanking(dropId, part),
        lines: slice.map((r) => `${r.entryId} ${r.shopperId}`).join("\n"),
      },
    });
  }
  return boundaries;
}

const parseLines = (lines: string): Ranked[] =>
  lines
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [entryId, shopperId] = line.split(" ");
      return { entryId: entryId!, shopperId: shopperId! };
    });

/** The ranked entries from `from` (inclusive) to `to` (exclusive). */
export async function rankedSlice(dropId: string, from: number, to: number): Promise<Ranked[]> {
  if (to <= from) return [];
  const first = Math.floor(from / PART_SIZE);
  const last = Math.floor((to - 1) / PART_SIZE);
  const parts = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const items = await batchGet(
    parts.map((p) => keys.drawRanking(dropId, p)),
    true,
  );
  const byPart = new Map(items.map((i) => [Number(String(i.pk).split("#").pop()), i.lines as string]));
  const all = parts.flatMap((p) => parseLines(byPart.get(p) ?? ""));
  return all.slice(from - first * PART_SIZE, to - first * PART_SIZE);
}

/**
 * A ranking part, kept in memory once read: parts never change after the draw (a rerun writes the
 * same), and every entrant's result poll reads one. Bounded: the oldest read is dropped.
 */
const parts = new Map<string, Promise<Ranked[]>>();
function readPart(dropId: string, part: number): Promise<Ranked[]> {
  const key = `${dropId}#${part}`;
  let read = parts.get(key);
  if (!read) {
    read = table
      .get({ Key: keys.drawRanking(dropId, part) })
      .then(({ Item }) => parseLines((Item?.lines as string | undefined) ?? ""));
    parts.set(key, read);
    read.catch(() => parts.delete(key));
    if (parts.size > 200) parts.delete(parts.keys().next().value as string);
  }
  return read;
}

/** An entry's rank (0 = first), or undefined if it is not in the draw. One part, read once per process. */
export async function rankOf(draw: DrawItem, entryId: string): Promise<number | undefined> {
  const drawn = draw.drawn;
  if (!drawn) return undefined;
  const key = boundaryKey(score(draw.seed, drawn.randomness, drawn.entriesHash, entryId), entryId);
  let part = -1;
  for (let p = 0; p < drawn.boundaries.length && drawn.boundaries[p]! <= key; p++) part = p;
  if (part < 0) return undefined;
  const index = (await readPart(draw.dropId, part)).findIndex((r) => r.entryId === entryId);
  return index < 0 ? undefined : part * PART_SIZE + index;
}
