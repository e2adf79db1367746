import { QUICKNET, beaconRandomness, drawRound } from "@/lib/draw/beacon";
import { commitment, compareIds, entriesHash, isHex32 } from "@/lib/draw/formulas";
import { rankEntries } from "@/lib/draw/rank";
import { verifyBeaconSignature } from "@/lib/draw/verify-beacon";
import type { PublishedDraw } from "@/lib/schemas/draw";

// A draw recomputed from what the API publishes, by anyone: the commitment, the beacon's signature
// and randomness, the entries' hash, the order and the winners. The proof page and
// `npm run verify-draw` both call this. Pure and browser-safe.

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

/** At most this many winners are listed as differing, then a count of the rest. */
const LISTED = 20;

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
  const seedUsable = seed !== undefined && isHex32(seed);
  if (seed === undefined) differences.push("seed is missing");
  else if (!seedUsable) differences.push("seed is not 32 bytes of hex");
  else if (commitment(seed) !== draw.commitment.toLowerCase())
    differences.push("seed does not match the commitment");

  const hash = entriesHash(entryIds);
  if (draw.entriesHash === undefined) differences.push("entriesHash is missing");
  else if (draw.entriesHash.toLowerCase() !== hash)
    differences.push(
      `entriesHash differs: entries were added or removed (published ${draw.entriesHash}, the entries hash to ${hash})`,
    );

  const randomness = await checkBeacon(draw, endsAt, differences);

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

/** Checks the beacon; returns the randomness the scores use ("" without a beacon). */
async function checkBeacon(
  draw: PublishedDraw,
  endsAt: string | number | undefined,
  differences: string[],
): Promise<string> {
  const beacon = draw.beacon;
  if (beacon === undefined) return "";
  if (beacon.network !== QUICKNET.network) {
    differences.push(
      `beacon network "${beacon.network}" is unknown: this verifier checks drand quicknet only`,
    );
    return beacon.randomness ?? "";
  }
  if (endsAt !== undefined) {
    const fixed = roundAfter(endsAt);
    if (fixed === undefined) differences.push(`endsAt ${endsAt} is not a time after quicknet's genesis`);
    else if (beacon.round !== fixed)
      differences.push(`beacon round is ${beacon.round}, but the round 30 s after endsAt is ${fixed}`);
  }
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

function roundAfter(endsAt: string | number): number | undefined {
  try {
    return drawRound(endsAt);
  } catch {
    return undefined;
  }
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
function repeatedIds(ids: readonly string[]): string[] {
  const sorted = [...ids].sort(compareIds);
  return sorted.filter((id, i) => i > 0 && id === sorted[i - 1] && id !== sorted[i - 2]);
}
