import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";

// The public beacon that seeds a draw: drand's quicknet, a round every 3 s, signed by the League
// of Entropy. Its chain info is pinned here, never fetched, so a verifier trusts no answer from a
// relay (or from us) about which key signs it. Arithmetic only: verify-beacon.ts checks signatures.

/** drand quicknet, as its /info answers (chain hash 52db9ba7…e971). */
export const QUICKNET = {
  /** What a published draw names its beacon: drand's beacon id of this chain. */
  network: "quicknet",
  chainHash: "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971",
  publicKey:
    "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a",
  groupHash: "f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e",
  /** Seconds between rounds. */
  period: 3,
  /** Unix seconds of round 1. */
  genesisTime: 1692803367,
  scheme: "bls-unchained-g1-rfc9380",
} as const;

/** How long after a drop's close the round that seeds its draw comes. */
export const BEACON_DELAY_MS = 30_000;

/** When round `round` exists: genesis + (round − 1) × period, in epoch ms. */
export function roundTime(round: number): number {
  if (!Number.isInteger(round) || round < 1)
    throw new RangeError("A beacon round is a whole number, 1 or more");
  return (QUICKNET.genesisTime + (round - 1) * QUICKNET.period) * 1000;
}

/** The latest round that exists at `timeMs` (epoch ms): the one whose roundTime is the last ≤ it. */
export function roundAt(timeMs: number): number {
  if (!Number.isFinite(timeMs) || timeMs < QUICKNET.genesisTime * 1000)
    throw new RangeError("No beacon round exists before quicknet's genesis");
  return Math.floor((timeMs - QUICKNET.genesisTime * 1000) / (QUICKNET.period * 1000)) + 1;
}

/** The round a drop fixes at creation: the one that will exist 30 s after `endsAt` (ISO or epoch ms). */
export function drawRound(endsAt: string | number): number {
  const ms = typeof endsAt === "number" ? endsAt : Date.parse(endsAt);
  return roundAt(ms + BEACON_DELAY_MS);
}

/** A round's randomness: hex(SHA-256(its signature's bytes)). */
export function beaconRandomness(signatureHex: string): string {
  return bytesToHex(sha256(hexToBytes(signatureHex.toLowerCase())));
}

/** Where anyone can read round `round` from drand itself (its HTTP API, by chain hash). */
export const beaconRoundUrl = (round: number): string =>
  `https://api.drand.sh/${QUICKNET.chainHash}/public/${round}`;
