import "server-only";
import { prequeueRound } from "@/lib/draw/prequeue";
import type { BeaconChoice } from "@/lib/entries/draw-item";
import { fetchRound } from "@/lib/entries/beacon-round";

// The pre-queue's randomness: with the quicknet beacon, the first round after the pre-queue is
// complete (startsAt + SETTLE_MS: prequeueRound, lib/draw/prequeue.ts), so nobody, the server
// included, knows it while a ticket can still join the pre-queue; with the beacon off, "" (as a
// draw's).

/** The randomness the order uses; with the beacon, its round and signature (published, checked by verifiers). */
export type PrequeueRandomness = { randomness: string; round?: number; signature?: string };

const fetched = new Map<string, PrequeueRandomness>();

/** The randomness, or undefined while the round is not out (or no relay answered yet). */
export async function prequeueRandomness(
  beacon: BeaconChoice,
  startsAt: number,
): Promise<PrequeueRandomness | undefined> {
  if (beacon === "off") return { randomness: "" };
  const round = prequeueRound(startsAt);
  const key = String(round);
  const known = fetched.get(key);
  if (known) return known;
  try {
    const { randomness, signature } = await fetchRound(round);
    const got = { round, randomness, signature };
    fetched.set(key, got);
    return got;
  } catch {
    return undefined; // the next refresh asks again
  }
}
