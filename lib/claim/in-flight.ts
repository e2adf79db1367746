import "server-only";
import { AppError, isClaimRefusal } from "@/lib/errors";
import type { Claim } from "@/lib/schemas/claim";
import { timed } from "@/lib/server-timing";

// A shopper's requests that wait for another of their requests running in this process wait for it
// here, not by polling the database. Latency only: a request on another process (or one arriving
// after the other settled) goes through the items that decide (lib/claim/idempotency.ts, slots.ts).

/** A claim's answer: the claim, and whether it is a replay of one written earlier. */
export type ClaimResult = { claim: Claim; replay: boolean };

/** Requests with one Idempotency-Key in flight here: the first one's work, by the key's claim id. */
const keyLeaders = new Map<string, Promise<ClaimResult>>();
/** Claims that hold a slot here and are being written: each one's claim, or undefined if none. */
const writing = new Map<string, Promise<Claim | undefined>>();

/**
 * Runs `work` for the first request of a key here; a request with the same key arriving while it
 * runs gets its answer: the claim (as a replay) or the same claim refusal. Any other outcome (a
 * 503, a defence's refusal) leaves the later request to be judged on its own.
 */
export async function oncePerKey(
  claimId: string | undefined,
  work: () => Promise<ClaimResult>,
): Promise<ClaimResult> {
  if (claimId === undefined) return work();
  const leader = keyLeaders.get(claimId);
  if (!leader) return tracked(keyLeaders, claimId, work());
  try {
    return { claim: (await timed("replay", () => leader)).claim, replay: true };
  } catch (err) {
    if (err instanceof AppError && isClaimRefusal(err.code)) throw err;
    return oncePerKey(claimId, work);
  }
}

/**
 * Announces that `claimId` holds its shopper's slot here and is being written. Call the result
 * with the claim once written, or with nothing once there will be none (the first call counts).
 */
export function announceClaim(claimId: string): (claim?: Claim) => void {
  let settle!: (claim: Claim | undefined) => void;
  tracked(writing, claimId, new Promise<Claim | undefined>((resolve) => (settle = resolve)));
  let settled = false;
  return (claim) => {
    if (!settled) settle(claim);
    settled = true;
  };
}

/** The claim being written here under `claimId` once written; undefined if none is, or it failed. */
export function claimWrittenHere(claimId: string): Promise<Claim | undefined> {
  return writing.get(claimId) ?? Promise.resolve(undefined);
}

function tracked<T>(map: Map<string, Promise<T>>, id: string, work: Promise<T>): Promise<T> {
  map.set(id, work);
  const forget = () => {
    if (map.get(id) === work) map.delete(id);
  };
  work.then(forget, forget);
  return work;
}
