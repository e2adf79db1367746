import "server-only";
import { randomBytes } from "node:crypto";
import type { ClaimKey } from "@/lib/claim/idempotency";
import { AppError, isClaimRefusal } from "@/lib/errors";
import type { Rehearsal } from "@/lib/schemas/claim";
import {
  checkSolution,
  expiredChallenge,
  finishSolution,
  spendSolution,
  type Solution,
} from "@/lib/security/pow";
import { refusalError, type DropRefusal } from "@/lib/stock/refusals";
import { rehearsesOn, type DropState } from "@/lib/stock/status";

/**
 * What a guest's claim must show before it may write: its address's rate limit, and on a "pow"
 * drop its X-Altcha header. A rehearsal shopper (lib/auth/shopper.ts) shows neither on its own
 * brand's rehearsal drops (the operator's: every brand's); the server's own claims (trusted) on none.
 */
export type ClaimProof = {
  header: string | null;
  /** A rehearsal shopper's brand: asked nothing on that brand's rehearsal drops; undefined for a guest. */
  rehearsal: Rehearsal | undefined;
  /** The server's own claim (the demo seed, tests): asked nothing on any drop. */
  trusted?: boolean;
  /** Counts the request against its address (429 RATE_LIMITED past the limit). */
  limit?: () => Promise<void>;
  /** Called once a checked solution was spent by this claim (the admin's live view counts it). */
  onSolved?: () => void;
  /** A claim's X-Queue-Pass header: asked on a drop with a waiting room (lib/claim/claim-unit.ts). */
  queuePass?: string | null;
};

/** For the server's own claims (the demo seed, tests): asked for nothing, on any drop. */
export const trustedProof: ClaimProof = { header: null, rehearsal: "operator", trusted: true };

/**
 * The guest's limit, then their proof of work: a write on the limit's own item, then CPU alone.
 * Returns the solution to spend, or nothing when none is asked. A rehearsal shopper is excused on
 * its own brand's rehearsal drops only: a race's shoppers never skip the defences of a real drop.
 */
export async function checkGuest(
  proof: ClaimProof,
  ask: { dropId: string; shopperId: string; now: number; key?: ClaimKey },
  drop: DropState,
  refusal: DropRefusal | undefined,
): Promise<ProofSpend | undefined> {
  const excused = proof.trusted === true || rehearsesOn(proof.rehearsal, drop);
  if (!excused) await proof.limit?.();
  if (drop.botDefence !== "pow" || excused) return undefined;
  if (!proof.header && refusal === "PAUSED") throw refusalError("PAUSED"); // nothing to solve for
  const checked = await checkSolution(proof.header, ask);
  if (checked === "expired") throw expiredChallenge();
  return new ProofSpend(checked, ask.key, proof.onSolved);
}

/**
 * A checked solution on its way to being spent by one claim request, and its one owner. Spent
 * before anything is written, once per attempt (a keyed request's retries may send the same one
 * again), counted once. When the claim is refused for good it is finished, so the key may be
 * judged afresh, with a new solution. A keyed request finishes it only once the key is its own: a
 * same-key duplicate on another server must not finish it under the request that holds the key.
 */
export class ProofSpend {
  readonly #solution: Solution;
  readonly #usedBy: string;
  #onSolved: (() => void) | undefined;
  #spent = false;
  #mayFinish: boolean;

  constructor(solution: Solution, key: ClaimKey | undefined, onSolved?: () => void) {
    this.#solution = solution;
    this.#usedBy = key?.claimId ?? randomBytes(16).toString("base64url");
    this.#onSolved = onSolved;
    this.#mayFinish = key === undefined;
  }

  async spend(): Promise<void> {
    await spendSolution(this.#solution, this.#usedBy);
    this.#spent = true;
    this.#onSolved?.();
    this.#onSolved = undefined; // counted once per request, whatever the retries
  }

  /** Whether this attempt holds the request's key: only then may its refusal finish the solution. */
  keyReserved(ours: boolean): void {
    this.#mayFinish = ours;
  }

  /** Refused for good after spending it: the solution is done, even for this key. */
  async finishIfRefused(err: unknown): Promise<void> {
    if (this.#spent && this.#mayFinish && err instanceof AppError && isClaimRefusal(err.code))
      await finishSolution(this.#solution, this.#usedBy).catch(() => undefined);
  }
}
