import "server-only";
import { env } from "@/lib/env";
import type { Limit } from "@/lib/security/rate-limit";

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
