import "server-only";
import { env } from "@/lib/env";
import { safeEqual } from "@/lib/security/crypto";

// SESSION_SECRET during a rotation (docs/configuration.md#rotating-secrets): everything is signed
// with the current secret only, and what the previous one signed still verifies until it is unset.

/** The secrets a signature may verify with: the current one, then the previous one when set. */
export function sessionSecrets(): string[] {
  const { SESSION_SECRET, SESSION_SECRET_PREVIOUS } = env();
  return SESSION_SECRET_PREVIOUS === undefined ? [SESSION_SECRET] : [SESSION_SECRET, SESSION_SECRET_PREVIOUS];
}

/** Whether `given` is what `derive` makes of any of those secrets (each compared in constant time). */
export const matchesSessionSecret = (given: string, derive: (secret: string) => string): boolean =>
  sessionSecrets().some((secret) => safeEqual(given, derive(secret)));
