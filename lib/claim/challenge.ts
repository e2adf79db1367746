import "server-only";
import { countAttempt } from "@/lib/attempts/counts";
import { recentCount } from "@/lib/attempts/recent";
import { getLiveState } from "@/lib/claim/live-state";
import { refusalError } from "@/lib/stock/refusals";
import { env } from "@/lib/env";
import { maxNumberFor, pressureOf } from "@/lib/security/pow-difficulty";
import { issueChallenge, type AltchaChallenge } from "@/lib/security/pow";

/**
 * A challenge for one shopper's next claim of a drop, as hard as the drop is pressed now: the
 * challenges every server handed out for it over the last minute, per unit left
 * (lib/security/pow-difficulty.ts). No write: the count is a counter in memory, flushed with the
 * claim attempts, and the challenge is signed, not stored.
 */
export async function challengeFor({
  dropId,
  shopperId,
  now = Date.now(),
}: {
  dropId: string;
  shopperId: string;
  now?: number;
}): Promise<AltchaChallenge> {
  const state = await getLiveState(dropId, now);
  if (!state || state.phase === "draft") throw refusalError("NOT_FOUND");
  // Counted first, so a burst pays for itself: its own challenges are in the count at once.
  countAttempt(dropId, "CHALLENGES", now);
  const lastMinute = await recentCount({ id: dropId, outcome: "CHALLENGES", seconds: 60, now });
  const pressure = pressureOf(lastMinute, state.remainingStock);
  return issueChallenge({ dropId, shopperId, maxNumber: maxNumberFor(pressure, env().POW_MAX_NUMBER), now });
}
