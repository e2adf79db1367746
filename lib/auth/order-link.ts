import "server-only";
import { env } from "@/lib/env";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";

// A private order link: /orders/<claimId>?key=<HMAC of the claim id>. It opens the receipt in any
// browser, with no shopper token; without the key the page reveals nothing. A link has no expiry
// (mails keep it): one made before a rotation opens while SESSION_SECRET_PREVIOUS is set.
const scope = "order:v1:";

const keyWith = (secret: string, claimId: string) => hmac(secret, scope + claimId).slice(0, 32);

export function orderKey(claimId: string): string {
  return keyWith(env().SESSION_SECRET, claimId);
}

export function isOrderKey(claimId: string, key: string | undefined): boolean {
  return key !== undefined && matchesSessionSecret(key, (secret) => keyWith(secret, claimId));
}

export function orderPath(claimId: string): string {
  return `/orders/${claimId}?key=${orderKey(claimId)}`;
}
