import "server-only";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";
import { consume, type Limit } from "@/lib/security/rate-limit";

// The limits, configurable by env, with defaults a human on one address never meets: a judge's
// five tabs, a family behind one router, a phone on a carrier's shared address.
export const limits = {
  /** Guest shoppers minted per address (an admin's rehearsal shoppers are not counted). */
  mintShopper: (): Limit => ({ name: "mint", limit: env().SHOPPER_MINT_LIMIT, windowSeconds: 600 }),
  /** Wrong admin tokens per address; past it the address is locked out until the window ends. */
  signInFailures: (): Limit => ({
    name: "signin-fail",
    limit: env().ADMIN_SIGN_IN_FAILURES,
    windowSeconds: 900,
  }),
  /** Guests' claims per address per minute, retries included (a click is one to six requests). */
  claim: (): Limit => ({ name: "claim", limit: env().CLAIM_LIMIT, windowSeconds: 60 }),
  /**
   * Places a guest address takes in waiting rooms per 10 minutes: far below the claim limit, as a
   * place lasts the whole line and every place, used or not, takes a turn.
   */
  queueJoin: (): Limit => ({ name: "queue-join", limit: env().QUEUE_JOIN_LIMIT, windowSeconds: 600 }),
  /** Guests' checkouts per address per minute (one per hold). */
  confirm: (): Limit => ({ name: "confirm", limit: env().CONFIRM_LIMIT, windowSeconds: 60 }),
  /** Password hashes across the platform (one shared key): a ceiling on what sign-ins can cost. */
  passwordHashes: (): Limit => ({
    name: "password-hash",
    limit: env().PASSWORD_HASHES_PER_MINUTE,
    windowSeconds: 60,
  }),
  /**
   * Wrong passwords per member account (keyed by the email, from any address). The window is short
   * on purpose: an attacker who fails on purpose locks the real member out for at most 5 minutes
   * after they stop, while guessing stays at ≤ ACCOUNT_SIGN_IN_FAILURES per 5 minutes per account.
   */
  accountSignInFailures: (): Limit => ({
    name: "signin-account",
    limit: env().ACCOUNT_SIGN_IN_FAILURES,
    windowSeconds: 300,
  }),
};

/**
 * Counts a guest's claim or checkout against its address: one small write, on the limit's own
 * item. Nothing is counted where no address can be trusted (lib/security/client-address.ts).
 */
export async function limitGuest(req: Request, kind: "claim" | "confirm" | "queueJoin"): Promise<void> {
  const address = clientAddress(req);
  if (address) await consume(limits[kind](), address);
}
