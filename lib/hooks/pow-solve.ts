import { sha256 } from "@noble/hashes/sha2.js";
import { hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

// The browser's side of the proof of work: find n ≤ maxnumber with SHA-256(salt + n) = challenge
// (ALTCHA v1). @noble/hashes rather than WebCrypto: it runs outside secure contexts too (a phone
// on http://<LAN IP>), and hashing the salt once and cloning that state is ~2.7× faster here than
// one awaited crypto.subtle.digest per try. Pure: the worker, the page and the tests use it.

/** The challenge as GET /api/drops/{id}/challenge returns it. */
export type Challenge = {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
};

/** The number that solves `c`, or undefined if none up to its maxnumber does. */
export function solve(c: Pick<Challenge, "challenge" | "salt" | "maxnumber">): number | undefined {
  const target = hexToBytes(c.challenge);
  const base = sha256.create().update(utf8ToBytes(c.salt));
  const max = c.maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    const digest = base
      .clone()
      .update(utf8ToBytes(String(n)))
      .digest();
    let same = true;
    for (let i = 0; i < 32 && same; i++) same = digest[i] === target[i];
    if (same) return n;
  }
  return undefined;
}

/** The X-Altcha header of a claim: the solved challenge as base64 JSON. */
export function payloadOf(c: Challenge, number: number): string {
  const { algorithm, challenge, salt, signature } = c;
  return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
}
