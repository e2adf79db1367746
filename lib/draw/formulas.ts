import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

// The draw's formulas, exactly as issue 23 publishes them, so anyone can recompute a draw: SHA-256
// through @noble/hashes, the same code in Node and in the browser. Pure.

const HEX_32 = /^[0-9a-fA-F]{64}$/;

/** Whether `value` is 32 bytes written as hex (64 digits, either case). */
export const isHex32 = (value: string): boolean => HEX_32.test(value);

/** The 32 bytes of a seed written as hex; throws on anything else. */
export function seedBytes(seedHex: string): Uint8Array {
  if (!isHex32(seedHex)) throw new RangeError("A draw's seed is 32 bytes written as 64 hex digits");
  return hexToBytes(seedHex.toLowerCase());
}

/** commitment = hex(SHA-256(seed bytes)): published at creation, before the first entry. */
export function commitment(seedHex: string): string {
  return bytesToHex(sha256(seedBytes(seedHex)));
}

/**
 * Ascending, as the draw sorts entry ids: JavaScript's string order (UTF-16 code units), which is
 * byte order for the ASCII ids entries have.
 */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const NEWLINE = utf8ToBytes("\n");

/**
 * entriesHash = hex(SHA-256(entry ids sorted ascending, joined by "\n")). Hashed id by id, so
 * 100,000 ids never become one long string.
 */
export function entriesHash(ids: readonly string[]): string {
  const sorted = [...ids].sort(compareIds);
  const hash = sha256.create();
  sorted.forEach((id, i) => {
    if (i > 0) hash.update(NEWLINE);
    hash.update(utf8ToBytes(id));
  });
  return bytesToHex(hash.digest());
}

/** What every entry's score is hashed with: the seed (lowercase hex), the randomness, the hash. */
export type ScoreInputs = { seed: string; randomness: string; entriesHash: string };

/**
 * SHA-256 already fed `seed:randomness:entriesHash:`; each entry's score clones it and adds only
 * its id (the shared prefix is hashed once, not once per entry).
 */
export function scorePrefix({ seed, randomness, entriesHash }: ScoreInputs) {
  seedBytes(seed); // refuse a malformed seed here rather than rank with it
  return sha256.create().update(utf8ToBytes(`${seed.toLowerCase()}:${randomness}:${entriesHash}:`));
}

/** score = hex(SHA-256(seed + ":" + randomness + ":" + entriesHash + ":" + entryId)), seed lowercase. */
export function score(seedHex: string, randomness: string, entriesHashHex: string, entryId: string): string {
  const prefix = scorePrefix({ seed: seedHex, randomness, entriesHash: entriesHashHex });
  return bytesToHex(prefix.update(utf8ToBytes(entryId)).digest());
}
