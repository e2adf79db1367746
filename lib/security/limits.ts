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
};
