import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearer } from "@/lib/auth/bearer";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";
import { brandOf, can, type Principal } from "@/lib/brand/principal";
import type { Rehearsal } from "@/lib/schemas/claim";

// Shopper token: "<shopperId>.<expires, epoch s>.<mark>.<hmac>". The shopper id comes from the
// token only, never from a body. The mark says whose shopper it is: "g" a guest; "b-<brandId>" a
// brand's rehearsal shopper (minted with that brand's manager's or owner's credential: the race
// arena, the race CLI); "o" the operator's (the bench, the operator's arena and races). A rehearsal
// shopper skips the proof of work and the per-address limits on its own brand's rehearsal drops
// only; the operator's on every brand's, as the operator runs the platform (lib/stock/status.ts,
// rehearsesOn). Tokens run out (SHOPPER_TOKEN_HOURS); the browser then mints a new one. A token
// still good may be traded for a fresh one of the same shopper (POST /api/shoppers/refresh), so an
// open tab keeps its holds past the first expiry.
// Tokens of the previous format ("shopper:v2:", a mark "g" or "r" that named no brand) are read as
// guests until they run out: an open tab keeps its shopper and holds, and a rehearsal shopper of
// then is excused nowhere. Tokens of the first format (no expiry, no mark) are refused.
const ID = /^[0-9a-f-]{36}$/;
const SECONDS = /^\d{1,12}$/;
const BRAND_MARK = /^b-([a-z0-9][a-z0-9-]{0,63})$/;
const scope = "shopper:v3:";
const previousScope = "shopper:v2:";

/** A shopper as its token says: a guest has no `rehearsal`. */
export type ShopperIdentity = { shopperId: string; rehearsal?: Rehearsal };

const markOf = (rehearsal?: Rehearsal) =>
  rehearsal === undefined ? "g" : rehearsal === "operator" ? "o" : `b-${rehearsal.brandId}`;

function rehearsalOf(mark: string): Rehearsal | undefined | false {
  if (mark === "g") return undefined;
  if (mark === "o") return "operator";
  const brand = mark.match(BRAND_MARK);
  return brand ? { brandId: brand[1]! } : false;
}

export function issueShopperToken({
  rehearsal,
  now = Date.now(),
  shopperId = randomUUID(),
}: { rehearsal?: Rehearsal; now?: number; shopperId?: string } = {}): {
  shopperId: string;
  token: string;
  expiresAt: string;
  rehearsal: boolean;
} {
  const expires = Math.floor(now / 1000) + env().SHOPPER_TOKEN_HOURS * 3600;
  const body = `${shopperId}.${expires}.${markOf(rehearsal)}`;
  return {
    shopperId,
    token: `${body}.${hmac(env().SESSION_SECRET, scope + body)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
    rehearsal: rehearsal !== undefined,
  };
}

export function verifyShopperToken(token: string | undefined, now = Date.now()): ShopperIdentity | undefined {
  if (!token) return undefined;
  const [shopperId, expires, mark, sig, extra] = token.split(".");
  if (!shopperId || !expires || !mark || !sig || extra !== undefined) return undefined;
  if (!ID.test(shopperId) || !SECONDS.test(expires)) return undefined;
  if (Number(expires) * 1000 <= now) return undefined;
  const body = `${shopperId}.${expires}.${mark}`;
  const rehearsal = rehearsalOf(mark);
  // Signed with SESSION_SECRET, or with SESSION_SECRET_PREVIOUS before a rotation.
  if (rehearsal !== false && matchesSessionSecret(sig, (secret) => hmac(secret, scope + body)))
    return rehearsal === undefined ? { shopperId } : { shopperId, rehearsal };
  // The previous format: a guest, whatever its mark said.
  if (
    (mark === "g" || mark === "r") &&
    matchesSessionSecret(sig, (secret) => hmac(secret, previousScope + body))
  )
    return { shopperId };
  return undefined;
}

/**
 * The rehearsal shoppers a caller of POST /api/shoppers mints: race staff (a brand's manager or
 * owner, its API tokens of those roles, the operator) mint their own; anyone else a guest.
 */
export function rehearsalFor(caller: Principal | "guest"): Rehearsal | undefined {
  if (caller === "guest" || !can(caller, "manager")) return undefined;
  const brandId = brandOf(caller);
  return brandId === undefined ? "operator" : { brandId };
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
