import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { hmac } from "@/lib/security/crypto";
import { matchesSessionSecret } from "@/lib/security/session-secrets";

// The admin session cookie: "<expiresAtMs>.<nonce>.<hmac>". The expiry is inside the signed value,
// and the signature also covers a fingerprint of ADMIN_TOKEN, so rotating the token signs every admin
// out. Sign-out also records the nonce (lib/auth/admin-sign-outs.ts), so a copied value dies with it.
export const ADMIN_COOKIE = "droprush_admin";
export const SESSION_SECONDS = 8 * 60 * 60;
const scope = "admin-session:v1:";
const VALUE = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;
// A brand member's session: "<expiresAtMs>.<nonce>.<memberId>.<hmac>", signed under its own scope
// (not tied to ADMIN_TOKEN). Each request also reads the member item, so removal ends it at once.
const memberScope = "member-session:v1:";
const MEMBER_VALUE = /^(\d{13})\.([A-Za-z0-9_-]{16})\.([a-f0-9]{16})\.([A-Za-z0-9_-]{43})$/;

// Signed with SESSION_SECRET; read with it or SESSION_SECRET_PREVIOUS, so a rotation signs no one out.
function signature(secret: string, expiresAt: string, nonce: string): string {
  const tokenPrint = createHash("sha256").update(env().ADMIN_TOKEN).digest("base64url");
  return hmac(secret, `${scope}${expiresAt}.${nonce}.${tokenPrint}`);
}

const memberSignature = (secret: string, expiresAt: string, nonce: string, memberId: string) =>
  hmac(secret, `${memberScope}${expiresAt}.${nonce}.${memberId}`);

export function createAdminSession(now = Date.now()): { value: string; expiresAt: number } {
  const expiresAt = now + SESSION_SECONDS * 1000;
  const nonce = randomBytes(12).toString("base64url");
  return {
    value: `${expiresAt}.${nonce}.${signature(env().SESSION_SECRET, String(expiresAt), nonce)}`,
    expiresAt,
  };
}

/**
 * A member's session. `same` keeps an existing session's nonce and expiry: switching to another of
 * the account's brands is the same session (one sign-out ends it), acting as another membership.
 */
export function createMemberSession(
  memberId: string,
  now = Date.now(),
  same?: { nonce: string; expiresAt: number },
): { value: string; expiresAt: number } {
  const expiresAt = same?.expiresAt ?? now + SESSION_SECONDS * 1000;
  const nonce = same?.nonce ?? randomBytes(12).toString("base64url");
  const sig = memberSignature(env().SESSION_SECRET, String(expiresAt), nonce, memberId);
  return { value: `${expiresAt}.${nonce}.${memberId}.${sig}`, expiresAt };
}

/** `memberId` is set for a brand member's session, absent for the operator's. */
export type AdminSession = { nonce: string; expiresAt: number; memberId?: string };

/** The session in a value this server signed that has not expired; undefined for anything else. */
export function readAdminSession(value: string | undefined, now = Date.now()): AdminSession | undefined {
  const member = value?.match(MEMBER_VALUE);
  if (member) return readMemberSession(member, now);
  const match = value?.match(VALUE);
  if (!match) return undefined;
  const [, expiresAt = "", nonce = "", sig = ""] = match;
  const exp = Number(expiresAt);
  if (exp <= now || exp > now + SESSION_SECONDS * 1000) return undefined;
  return matchesSessionSecret(sig, (secret) => signature(secret, expiresAt, nonce))
    ? { nonce, expiresAt: exp }
    : undefined;
}

function readMemberSession(match: RegExpMatchArray, now: number): AdminSession | undefined {
  const [, expiresAt = "", nonce = "", memberId = "", sig = ""] = match;
  const exp = Number(expiresAt);
  if (exp <= now || exp > now + SESSION_SECONDS * 1000) return undefined;
  return matchesSessionSecret(sig, (secret) => memberSignature(secret, expiresAt, nonce, memberId))
    ? { nonce, expiresAt: exp, memberId }
    : undefined;
}

/** Set-Cookie for a new session, or (value undefined) for signing out. */
export function sessionCookie(
  session: { value: string; expiresAt: number } | undefined,
  now = Date.now(),
): string {
  const attrs = [
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    ...(env().NODE_ENV === "production" ? ["Secure"] : []),
  ];
  if (!session) return [`${ADMIN_COOKIE}=`, "Max-Age=0", ...attrs].join("; ");
  const maxAge = Math.floor((session.expiresAt - now) / 1000);
  return [
    `${ADMIN_COOKIE}=${session.value}`,
    `Max-Age=${maxAge}`,
    `Expires=${new Date(session.expiresAt).toUTCString()}`,
    ...attrs,
  ].join("; ");
}

/** One cookie's value from a Cookie request header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
