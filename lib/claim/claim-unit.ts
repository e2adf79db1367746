import "server-only";
import { randomBytes } from "node:crypto";
import { faults } from "@/lib/claim/faults";
import { checkGuest, type ClaimProof, type ProofSpend } from "@/lib/claim/guest-proof";
import { claimKey, releaseKey, reserveKey } from "@/lib/claim/idempotency";
import { announceClaim, oncePerKey, type ClaimResult } from "@/lib/claim/in-flight";
import { getLiveState } from "@/lib/claim/live-state";
import { putHold } from "@/lib/claim/put-hold";
import { atLimit, awaitKeyedClaim, busy, earlierClaim, keyedReplay, type Asker } from "@/lib/claim/replay";
import { takeSlot } from "@/lib/claim/slots";
import { takeFromShards } from "@/lib/claim/take-from-shards";
import { admitTake, type Admission } from "@/lib/claim/take-gate";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkQueuePass } from "@/lib/security/queue-pass";
import { timed, withholdTiming } from "@/lib/server-timing";
import { countClaim, inSpan, noteOnSpan } from "@/lib/telemetry";
import { refusalError, refusalFor } from "@/lib/stock/refusals";
import { rehearsesOn, type DropState } from "@/lib/stock/status";

// Claims one unit of a drop for a shopper, top to bottom: the cached state, the guest's proof, then
// up to three attempts of admission → key → slot → THE write → the hold. The replay rules are
// lib/claim/replay.ts; the proof of work's spend is one object (lib/claim/guest-proof.ts). Each step
// is a span when tracing is on: claim → claim.cache, .gate, .key, .slot, .stock, .hold (docs/telemetry.md).

/** A key is kept a week past its drop's end: no claim of it can take a unit after that. */
const KEY_KEPT_MS = 7 * 86_400_000;
const ATTEMPTS = 3;

type ClaimInput = Omit<Asker, "now" | "key"> & { idempotencyKey?: string; now?: number; proof: ClaimProof };

/** A refusal's code as the claim's outcome ("sold_out"); undefined for a failure (a 503, a 500). */
const refusalOf = (err: unknown) =>
  err instanceof AppError && err.status < 500 ? err.code.toLowerCase() : undefined;

/** The claim as one span, with its outcome, counted by outcome with its duration (lib/telemetry.ts). */
export function claimUnit(input: ClaimInput): Promise<ClaimResult> {
  const started = performance.now();
  return inSpan(
    "claim",
    { "droprush.drop": input.dropId },
    async (span) => {
      const result = await claimSteps(input).catch((err: unknown) => {
        countClaim(refusalOf(err) ?? "error", performance.now() - started);
        throw err;
      });
      const outcome = result.replay ? "replay" : "won";
      span?.setAttribute("droprush.outcome", outcome);
      countClaim(outcome, performance.now() - started);
      return result;
    },
    refusalOf,
  );
}

async function claimSteps(input: ClaimInput): Promise<ClaimResult> {
  const { dropId, shopperId, idempotencyKey } = input;
  const now = input.now ?? Date.now();
  // The key's claim id, hashed once for the whole request.
  const key = idempotencyKey === undefined ? undefined : claimKey({ dropId, shopperId, key: idempotencyKey });
  const asker: Asker = { dropId, shopperId, now, key };
  // 1. Cached state (≤ 1 s stale): answers sold out, ended and not started without a write.
  const drop = await inSpan("claim.cache", { "droprush.drop": dropId }, () =>
    timed("cache", () => getLiveState(dropId, now)),
  );
  // Timings are for rehearsals only: a rehearsal shopper on its own brand's rehearsal drop.
  if (!rehearsesOn(input.proof.rehearsal, drop)) withholdTiming();
  // A request with the same key already running here answers this one (lib/claim/in-flight.ts).
  return oncePerKey(key?.claimId, () => claimFresh(asker, input.proof, drop));
}

async function claimFresh(asker: Asker, proof: ClaimProof, drop?: DropState): Promise<ClaimResult> {
  // A draw drop's units go to its winners (lib/entries); its mode never changes, so the cache is right.
  if (drop?.mode === "draw") throw new AppError("DRAW_ONLY", "This drop is a draw: enter it instead.");
  // Paused is left to the write (a resume takes effect at once).
  const early = refusalFor(drop, asker.now);
  if (!drop || (early && early !== "PAUSED")) {
    const replay = drop && (await earlierClaim(asker, drop.maxPerShopper, early));
    if (replay) return replay;
    throw refusalError(early ?? "NOT_FOUND");
  }
  // 2. The waiting room's pass (CPU alone, from the cached state: a drop without a room pays
  //    nothing), then the guest's limit and proof of work. A keyed request they refuse may be a
  //    retry of a claim that won (sent before the drop asked for proof, or whose solution or pass
  //    has run out since).
  let spend: ProofSpend | undefined;
  try {
    if (drop.waitingRoom?.enabled && proof.trusted !== true) checkQueuePass(proof.queuePass, asker);
    spend = await checkGuest(proof, asker, drop, early);
  } catch (err) {
    const replay = err instanceof AppError && asker.key && (await keyedReplay(asker.key, asker.now));
    if (replay) return replay;
    throw err;
  }
  try {
    for (let i = 0; i < ATTEMPTS; i++) {
      const result = await attempt(asker, drop, spend);
      if (result !== "retry") return result;
    }
  } catch (err) {
    await spend?.finishIfRefused(err);
    throw err;
  }
  throw busy();
}

/** Steps 3–7 once. "retry": nothing was taken, and the request is judged afresh. */
async function attempt(asker: Asker, drop: DropState, spend?: ProofSpend): Promise<ClaimResult | "retry"> {
  const { key } = asker;
  // The proof of work, spent before anything is written (a keyed retry may spend it again).
  await spend?.spend();
  // 3. Admission (lib/claim/take-gate.ts): no more requests here go on to write than the cache says
  //    units are left. The others wait, writing nothing more (not their key either).
  const admission = await inSpan("claim.gate", { "droprush.drop": asker.dropId }, () =>
    admitTake(asker.dropId),
  );
  if (!admission) {
    const replay = await earlierClaim(asker, drop.maxPerShopper, "SOLD_OUT");
    if (replay) return replay;
    throw refusalError("SOLD_OUT");
  }
  try {
    // 4. Idempotency: a key already in use replays (or waits for) the claim it produced.
    if (key) {
      const ours = await inSpan("claim.key", { "droprush.drop": asker.dropId }, () =>
        reserveKey({ ...key, now: asker.now, keepUntil: drop.endsAt + KEY_KEPT_MS }),
      );
      spend?.keyReserved(ours);
      if (!ours) {
        admission.release(); // the key's own request writes, not this one
        return await awaitKeyedClaim(key);
      }
    }
    // Until a unit is taken, a key this request holds is freed on every way out, so a retry is
    // judged afresh; once one is, the key stays, even if the hold's write fails.
    const freeKey = key ? () => releaseKey(key).catch(() => undefined) : async () => undefined;
    const claimId = key?.claimId ?? randomBytes(16).toString("base64url");
    return await slotTakeHold({ ...asker, claimId }, drop, admission, freeKey);
  } finally {
    admission.release();
  }
}

/** Steps 5–7: the shopper's slot, THE write, the hold. */
async function slotTakeHold(
  claim: Asker & { claimId: string },
  drop: DropState,
  admission: Admission,
  freeKey: () => Promise<void>,
): Promise<ClaimResult | "retry"> {
  // 5. The shopper's slot: a double click can never take a second unit.
  const maxExpired = env().EXPIRED_HOLDS_LIMIT;
  const slot = await inSpan("claim.slot", { "droprush.drop": claim.dropId }, () =>
    takeSlot({ ...claim, max: drop.maxPerShopper, maxExpired }),
  ).catch(async (err: unknown) => {
    await freeKey(); // no unit taken: a retry is judged afresh
    throw err;
  });
  if (!slot) {
    admission.release(); // at the limit: no stock write from this request
    await freeKey();
    return atLimit(claim, drop.maxPerShopper);
  }
  // A double click waiting for this claim (atLimit) learns of it here at once.
  const written = announceClaim(claim.claimId);
  try {
    // 6. THE write on a stock item; anything but a unit has given the slot back.
    const taken = await takeFromShards(claim, drop).catch(async (err: unknown) => {
      await freeKey();
      throw err;
    });
    admission.release(); // the stock write has its answer
    if (typeof taken === "string") {
      await freeKey();
      if (taken === "retry") return "retry";
      throw refusalError(taken);
    }
    noteOnSpan("droprush.shard", taken.shard); // on the claim's span
    faults.afterTakeUnit?.();
    // 7. The hold. A crash before this leaves the unit for the audit to find.
    const hold = await inSpan(
      "claim.hold",
      { "droprush.drop": claim.dropId, "droprush.shard": taken.shard },
      () => putHold(claim, drop.holdSeconds, taken.shard),
    );
    written(hold);
    return { claim: hold, replay: false };
  } finally {
    written();
  }
}
