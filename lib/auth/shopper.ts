import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearer } from "@/lib/auth/bearer";
import { hmac, safeEqual } from "@/lib/auth/crypto";

// Guest token: "<shopperId>.<expires, epoch s>.<g|r>.<hmac>". The shopper id comes from the token
// only, never from a body. "r" marks a rehearsal shopper, minted with an admin credential (the race
// arena, the race CLI, the bench): it skips the proof of work and the per-address limits. Tokens
// run out (SHOPPER_TOKEN_HOURS); the browser then mints a new one. Tokens of the first format
// (no expiry, no mark) are refused. A token still good may be traded for a fresh one of the same
// shopper (POST /api/shoppers/refresh), so an open tab keeps its holds past the first expiry.
const ID = /^[0-9a-f-]{36}$/;
const SECONDS = /^\d{1,12}$/;
const scope = "shopper:v2:";

export type ShopperIdentity = { shopperId: string; rehearsal: boolean };

export function issueShopperToken({
  rehearsal = false,
  now = Date.now(),
  shopperId = randomUUID(),
}: { rehearsal?: boolean; now?: number; shopperId?: string } = {}): {
  shopperId: string;
  token: string;
  expiresAt: string;
  rehearsal: boolean;
} {
  const expires = Math.floor(now / 1000) + env().SHOPPER_TOKEN_HOURS * 3600;
  const body = `${shopperId}.${expires}.${rehearsal ? "r" : "g"}`;
  return {
    shopperId,
    token: `${body}.${hmac(env().SESSION_SECRET, scope + body)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
    rehearsal,
  };
}

export function verifyShopperToken(token: string | undefined, now = Date.now()): ShopperIdentity | undefined {
  if (!token) return undefined;
  const [shopperId, expires, mark, sig, extra] = token.split(".");
  if (!shopperId || !expires || !mark || !sig || extra !== undefined) return undefined;
  if (!ID.test(shopperId) || !SECONDS.test(expires) || (mark !== "g" && mark !== "r")) return undefined;
  if (!safeEqual(sig, hmac(env().SESSION_SECRET, `${scope}${shopperId}.${expires}.${mark}`)))
    return undefined;
  if (Number(expires) * 1000 <= now) return undefined;
  return { shopperId, rehearsal: mark === "r" };
}

export function requireShopper(req: Request): ShopperIdentity {
  const shopper = verifyShopperToken(bearer(req));
  if (!shopper)
    throw new AppError(
      "UNAUTHENTICATED",
      "Sign in as a shopper first (a valid, unexpired Bearer token is required).",
    );
  return shopper;
}
