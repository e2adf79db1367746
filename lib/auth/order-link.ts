import "server-only";
import { env } from "@/lib/env";
import { hmac, safeEqual } from "@/lib/security/crypto";

// A private order link: /orders/<claimId>?key=<HMAC of the claim id>. It opens the receipt in any
// browser, with no shopper token; without the key the page reveals nothing.
const scope = "order:v1:";

export function orderKey(claimId: string): string {
  return hmac(env().SESSION_SECRET, scope + claimId).slice(0, 32);
}

export function isOrderKey(claimId: string, key: string | undefined): boolean {
  return key !== undefined && safeEqual(key, orderKey(claimId));
}

export function orderPath(claimId: string): string {
  return `/orders/${claimId}?key=${orderKey(claimId)}`;
}
