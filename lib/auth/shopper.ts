import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearer } from "@/lib/auth/bearer";
import { hmac, safeEqual } from "@/lib/auth/crypto";

// Guest token: "<shopperId>.<hmac>". The shopper id comes from the token only, never from a body.
const ID = /^[0-9a-f-]{36}$/;
const scope = "shopper:v1:";

export function issueShopperToken(): { shopperId: string; token: string } {
  const shopperId = randomUUID();
  return { shopperId, token: `${shopperId}.${hmac(env().SESSION_SECRET, scope + shopperId)}` };
}

export function verifyShopperToken(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const [shopperId, sig, extra] = token.split(".");
  if (!shopperId || !sig || extra !== undefined || !ID.test(shopperId)) return undefined;
  return safeEqual(sig, hmac(env().SESSION_SECRET, scope + shopperId)) ? shopperId : undefined;
}

export function requireShopper(req: Request): string {
  const shopperId = verifyShopperToken(bearer(req));
  if (!shopperId)
    throw new AppError("UNAUTHENTICATED", "Sign in as a shopper first (a valid Bearer token is required).");
  return shopperId;
}
