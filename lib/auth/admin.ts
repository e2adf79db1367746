import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { bearer } from "@/lib/auth/bearer";
import { safeEqual } from "@/lib/security/crypto";
import { ADMIN_COOKIE, readAdminSession, readCookie, type AdminSession } from "@/lib/auth/admin-session";
import { isSignedOut } from "@/lib/auth/admin-sign-outs";
import { memberPrincipal } from "@/lib/auth/member-session";
import { looksLikeApiToken, verifyApiToken } from "@/lib/brand/api-tokens";
import type { Principal } from "@/lib/brand/principal";
import { clientAddress } from "@/lib/security/client-address";
import { limits } from "@/lib/security/limits";
import { consume, refuseIfSpent } from "@/lib/security/rate-limit";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isAdminToken(token: string | undefined): boolean {
  return token !== undefined && safeEqual(token, env().ADMIN_TOKEN);
}

/** Who is calling an admin route, and the session it came with (none for a Bearer credential). */
export type AdminCaller = { principal: Principal; session?: AdminSession };

/**
 * Every admin API route starts here (lib/http/route.ts's adminRoute), once per request. Scripts send
 * `Authorization: Bearer <ADMIN_TOKEN>`; the dashboard sends its session cookie, and then a mutating
 * request must also come from our own origin (CSRF). A wrong Bearer token is refused even when a
 * valid cookie rides along. The cookie's signature is checked once, before the Origin and the read.
 */
export async function requireAdmin(req: Request): Promise<AdminCaller> {
  const token = bearer(req);
  if (token !== undefined || req.headers.has("authorization"))
    return { principal: await bearerPrincipal(req, token) };
  const session = readAdminSession(readCookie(req, ADMIN_COOKIE));
  if (!session) throw unauthenticated();
  if (!SAFE_METHODS.has(req.method.toUpperCase())) requireSameOrigin(req);
  const principal = await principalOf(session);
  if (!principal) throw unauthenticated();
  return { principal, session };
}

/**
 * The operator's token or a brand's API token. A wrong one counts against the address's sign-in
 * failures, the same limit as the sign-in form's, and a locked-out address is refused even with a
 * right one: guessing through the header is no faster than through the form. (With no trusted
 * address nothing is counted: the secrets' length is the defence, lib/env.ts.)
 */
async function bearerPrincipal(req: Request, token: string | undefined): Promise<Principal> {
  const address = clientAddress(req);
  const [, brandToken] = await Promise.all([
    address && refuseIfSpent(limits.signInFailures(), address),
    // A brand's API token: the same header, acting in its brand with its role.
    token !== undefined && !isAdminToken(token) && looksLikeApiToken(token)
      ? verifyApiToken(token)
      : undefined,
  ]);
  if (isAdminToken(token)) return { kind: "operator" };
  if (brandToken) return brandToken;
  if (address) await consume(limits.signInFailures(), address); // 429 once past the limit
  throw unauthenticated();
}

/**
 * Whose admin session cookie this is: the operator's (unless signed out) or a current member's;
 * undefined for none, a forged or expired one, or a removed member. Pages ask it once per request
 * (lib/admin/pages.ts), as does the invite's acceptance.
 */
export async function sessionPrincipal(cookie: string | undefined): Promise<Principal | undefined> {
  const session = readAdminSession(cookie);
  return session && principalOf(session);
}

/** Whose a verified session is now: one read (the sign-out record, and a member's item with it). */
async function principalOf(session: AdminSession): Promise<Principal | undefined> {
  if (session.memberId !== undefined) return memberPrincipal({ ...session, memberId: session.memberId });
  return (await isSignedOut(session)) ? undefined : { kind: "operator" };
}

/**
 * An admin's request (token or session, checked as requireAdmin does), or a guest's. A wrong
 * Bearer token is refused, never taken for a guest; a session cookie that no longer holds (expired,
 * signed out, from another origin) leaves a guest, so a stale cookie never stops anyone shopping.
 */
export async function adminOrGuest(req: Request): Promise<Principal | "guest"> {
  if (req.headers.has("authorization")) return (await requireAdmin(req)).principal;
  if (!readCookie(req, ADMIN_COOKIE)) return "guest";
  try {
    return (await requireAdmin(req)).principal;
  } catch (err) {
    if (err instanceof AppError) return "guest";
    throw err;
  }
}

/**
 * Refuses a request whose Origin is not this site. Browsers always send Origin on cross-site
 * and on non-GET requests, and a page cannot forge it; a missing or "null" Origin is refused.
 */
export function requireSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (!origin || !sameHost(origin, req)) {
    throw new AppError("FORBIDDEN", "This request must come from the DropRush dashboard itself.");
  }
}

/** True when `origin` names the host this request was sent to (behind a proxy: X-Forwarded-Host). */
function sameHost(origin: string, req: Request): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const expected = forwarded || req.headers.get("host") || new URL(req.url).host;
  return host.toLowerCase() === expected.toLowerCase();
}

function unauthenticated() {
  return new AppError(
    "UNAUTHENTICATED",
    "Admin credentials are required (sign in, or send the admin Bearer token).",
  );
}
