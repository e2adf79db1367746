import { QUICKNET, beaconRandomness, drawRound } from "@/lib/draw/beacon";
import { commitment, compareIds, entriesHash, isHex32 } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";
import { verifyBeaconSignature } from "@/lib/draw/verify-beacon";
import type { DrawBeacon, PublishedDraw } from "@/lib/schemas/draw";

// A draw recomputed from what the API publishes, by anyone: the commitment, the beacon's signature
// and randomness, the entries' hash, the order and the winners. The proof page and
// `npm run verify-draw` both call this; verify-queue.ts checks a waiting room's pre-queue with its
// seed, beacon and id checks. Pure and browser-safe.

export type DrawVerdict = { ok: true } | { ok: false; differences: string[] };

export type VerifyDrawInput = {
  /** GET /api/drops/{id}/draw, parsed with drawSchema. */
  draw: PublishedDraw;
  /** Every entry id, all pages of GET /api/drops/{id}/draw/entries. */
  entryIds: readonly string[];
  /** The drop's totalStock: how many win. */
  totalStock: number;
  /** The drop's endsAt, when known: then the beacon's round must be the one 30 s after it. */
  endsAt?: string | number;
};

/** At most this many winners (or places, or repeated ids) are listed as differing, then a count of the rest. */
export const LISTED = 20;

/** { ok: true }, or each thing that differs from what the published values imply, named. */
export async function verifyDraw({
  draw,
  entryIds,
  totalStock,
  endsAt,
}: VerifyDrawInput): Promise<DrawVerdict> {
  const differences: string[] = [];
  if (draw.status !== "drawn")
    return { ok: false, differences: [`not drawn yet: the draw is ${draw.status}`] };

  if (draw.entryCount !== entryIds.length)
    differences.push(`entryCount is ${draw.entryCount}, but the entry list has ${entryIds.length} ids`);
  const repeated = repeatedIds(entryIds);
  for (const id of repeated.slice(0, LISTED)) differences.push(`entry id ${id} appears more than once`);
  const entries = repeated.length === 0 ? entryIds : [...new Set(entryIds)];

  const seed = draw.seed;
  const seedUsable = checkSeed(seed, draw.commitment, differences);

  const hash = entriesHash(entryIds);
  if (draw.entriesHash === undefined) differences.push("entriesHash is missing");
  else if (draw.entriesHash.toLowerCase() !== hash)
    differences.push(
      `entriesHash differs: entries were added or removed (published ${draw.entriesHash}, the entries hash to ${hash})`,
    );

  const fixed =
    endsAt === undefined
      ? undefined
      : fixedRound("the round 30 s after endsAt", `endsAt ${endsAt}`, () => drawRound(endsAt));
  const randomness = await checkBeacon(draw.beacon, fixed, differences);

  if (!seedUsable) {
    differences.push("the winners cannot be recomputed without the seed");
  } else if (draw.winners === undefined) {
    differences.push("winners are missing");
  } else {
    const expected = rankEntries({
      seed,
      randomness,
      entriesHash: hash,
      entryIds: entries,
      totalStock,
    }).winners;
    compareWinners(expected, draw.winners, new Set(entries), differences);
  }
  return differences.length === 0 ? { ok: true } : { ok: false, differences };
}

/** Whether `seed` is usable (32 bytes of hex); pushes what is wrong with it, its commitment included. */
export function checkSeed(
  seed: string | undefined,
  published: string,
  differences: string[],
): seed is string {
  if (seed === undefined) differences.push("seed is missing");
  else if (!isHex32(seed)) differences.push("seed is not 32 bytes of hex");
  else if (commitment(seed) !== published.toLowerCase())
    differences.push("seed does not match the commitment");
  return seed !== undefined && isHex32(seed);
}

/**
 * The round a beacon must be: its number and what fixes it ("the round 30 s after endsAt"), or why
 * none can be told (a time before quicknet's genesis).
 */
export type FixedRound = { round: number; by: string } | { error: string };

/** The round `round()` computes from a published time (`time`: its name and value), named `by`. */
export function fixedRound(by: string, time: string, round: () => number): FixedRound {
  try {
    return { round: round(), by };
  } catch {
    return { error: `${time} is not a time after quicknet's genesis` };
  }
}

/**
 * Checks a published beacon: a quicknet round (the `fixed` one, when given) whose signature is
 * quicknet's and whose randomness is SHA-256 of it. Returns the randomness the scores use: the
 * signature's, else the published one, "" without a beacon.
 */
export async function checkBeacon(
  beacon: DrawBeacon | undefined,
  fixed: FixedRound | undefined,
  differences: string[],
): Promise<string> {
  if (beacon === undefined) return "";
  if (beacon.network !== QUICKNET.network) {
    differences.push(
      `beacon network "${beacon.network}" is unknown: this verifier checks drand quicknet only`,
    );
    return beacon.randomness ?? "";
  }
  if (fixed !== undefined && "error" in fixed) differences.push(fixed.error);
  else if (fixed !== undefined && beacon.round !== fixed.round)
    differences.push(`beacon round is ${beacon.round}, but ${fixed.by} is ${fixed.round}`);
  const { signature, randomness } = beacon;
  if (signature === undefined) differences.push("beacon signature is missing");
  else if (!(await verifyBeaconSignature(beacon.round, signature)))
    differences.push(`beacon signature invalid: it is not quicknet's signature of round ${beacon.round}`);
  const derived =
    signature !== undefined && /^[0-9a-fA-F]{96}$/.test(signature) ? beaconRandomness(signature) : undefined;
  if (randomness === undefined) differences.push("beacon randomness is missing");
  else if (derived !== undefined && randomness.toLowerCase() !== derived)
    differences.push("randomness is not SHA-256 of the signature");
  // The signature decides the randomness: a published value that differs is recomputed from it.
  return derived ?? randomness ?? "";
}

function compareWinners(
  expected: string[],
  published: string[],
  entries: Set<string>,
  differences: string[],
) {
  if (published.length !== expected.length)
    differences.push(`${published.length} winners published, ${expected.length} expected`);
  const wrong: string[] = [];
  for (let i = 0; i < Math.max(expected.length, published.length); i++) {
    const should = expected[i];
    const is = published[i];
    if (should === is) continue;
    const stranger = is !== undefined && !entries.has(is) ? " (not among the entries)" : "";
    wrong.push(`winner #${i + 1} should be ${should ?? "nobody"}, is ${is ?? "missing"}${stranger}`);
  }
  differences.push(...wrong.slice(0, LISTED));
  if (wrong.length > LISTED) differences.push(`…and ${wrong.length - LISTED} more winners differ`);
}

/** Ids that appear more than once, each named once, in ascending order. */
export function repeatedIds(ids: readonly string[]): string[] {
  const sorted = [...ids].sort(compareIds);
  return sorted.filter((id, i) => i > 0 && id === sorted[i - 1] && id !== sorted[i - 2]);
}
