import { utf8ToBytes } from "@noble/hashes/utils.js";
import { compareIds, scorePrefix, type ScoreInputs } from "@/lib/draw/formulas";

// Entries in ascending score (ties by id): the first `totalStock` win, the rest are the waitlist in
// order. Bounded memory: beside the ids it holds 36 bytes per entry (each 32-byte score in one
// buffer, and a 4-byte index), never a score string; 100,000 entries take ~3.6 MB. Pure.

export type Ranking = { winners: string[]; waitlist: string[] };

export type RankInput = ScoreInputs & { entryIds: readonly string[]; totalStock: number };

/** Ranks the entries; throws if an id appears twice (the draw's entries are a set). */
export function rankEntries({ entryIds, totalStock, ...inputs }: RankInput): Ranking {
  if (!Number.isInteger(totalStock) || totalStock < 0)
    throw new RangeError("totalStock is a whole number, 0 or more");
  const n = entryIds.length;
  const prefix = scorePrefix(inputs);
  const scores = new Uint8Array(n * 32);
  const head = new Uint32Array(n); // each score's first 4 bytes: most comparisons stop there
  for (let i = 0; i < n; i++) {
    const digest = prefix.clone().update(utf8ToBytes(entryIds[i]!)).digest();
    scores.set(digest, i * 32);
    head[i] = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  }
  // Byte order of the digests is the order of their lowercase hex, which is what the issue compares.
  const compareScores = (a: number, b: number): number => {
    if (head[a] !== head[b]) return head[a]! < head[b]! ? -1 : 1;
    for (let k = 4; k < 32; k++) {
      const x = scores[a * 32 + k]!;
      const y = scores[b * 32 + k]!;
      if (x !== y) return x - y;
    }
    return 0;
  };
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => compareScores(a, b) || compareIds(entryIds[a]!, entryIds[b]!));

  const ranked: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    ranked[i] = entryIds[order[i]!]!;
    // The same id twice has the same score, so the two end up side by side.
    if (i > 0 && ranked[i] === ranked[i - 1]) throw new RangeError(`Entry id ${ranked[i]} appears twice`);
  }
  return { winners: ranked.slice(0, totalStock), waitlist: ranked.slice(totalStock) };
}
