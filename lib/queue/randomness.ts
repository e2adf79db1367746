import "server-only";
import { roundAt } from "@/lib/draw/beacon";
import type { BeaconChoice } from "@/lib/entries/draw-item";
import { fetchRound } from "@/lib/entries/beacon-round";
import { SETTLE_MS } from "@/lib/queue/settle";

// The pre-queue's randomness: with the quicknet beacon, the first round after the pre-queue is
// complete (startsAt + SETTLE_MS), so nobody, the server included, knows it while a ticket can
// still join the pre-queue; with the beacon off, "" (as a draw's).

/** The quicknet round that shuffles a pre-queue closing at `startsAt`. */
export const prequeueRound = (startsAt: number) => roundAt(startsAt + SETTLE_MS) + 1;

const fetched = new Map<string, { round: number; randomness: string }>();

/** The randomness, or undefined while the round is not out (or no relay answered yet). */
export async function prequeueRandomness(
  beacon: BeaconChoice,
  startsAt: number,
): Promise<{ randomness: string; round?: number } | undefined> {
  if (beacon === "off") return { randomness: "" };
  const round = prequeueRound(startsAt);
  const key = String(round);
  const known = fetched.get(key);
  if (known) return known;
  try {
    const { randomness } = await fetchRound(round);
    fetched.set(key, { round, randomness });
    return { round, randomness };
  } catch {
    return undefined; // the next refresh asks again
  }
}
