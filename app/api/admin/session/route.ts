import { isAdminToken, requireSameOrigin } from "@/lib/auth/admin";
import {
  ADMIN_COOKIE,
  createAdminSession,
  createMemberSession,
  readAdminSession,
  readCookie,
  sessionCookie,
} from "@/lib/auth/admin-session";
import { recordSignOut } from "@/lib/auth/admin-sign-outs";
import { toMember } from "@/lib/brand/members";
import { signInAccount } from "@/lib/brand/sign-in";
import { AppError } from "@/lib/errors";
import { adminRoute, noParams, noStore, readJson, route } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";
import { limits } from "@/lib/security/limits";
import { consume, refund } from "@/lib/security/rate-limit";
import { signInInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * Sign in: trades the operator's admin token, or an account's email and password, for a signed,
 * httpOnly, SameSite=Strict session cookie (a member's: acting in the account's first brand).
 */
export const POST = route(async (req) => {
  // A browser always sends Origin here; a script may not. A foreign page never gets to sign in.
  if (req.headers.has("origin")) requireSameOrigin(req);
  const input = await readJson(req, signInInput);
  // An address that sent too many wrong credentials is locked out, even with the right ones, for the
  // rest of the window; another address still signs in. Counted before the check, so parallel
  // guesses cannot all slip past the limit; a right one is taken back off. (An account's email and
  // password: lib/brand/sign-in.ts, which also counts the account.)
  const address = clientAddress(req);
  if ("token" in input) {
    if (address) await consume(limits.signInFailures(), address);
    if (!isAdminToken(input.token)) throw new AppError("UNAUTHENTICATED", "That is not the admin token.");
    if (address) await refund(limits.signInFailures(), address);
    return signedIn(createAdminSession());
  }
  const { memberships } = await signInAccount({ ...input, address });
  // The account's first brand; the dashboard switches between them (POST /api/admin/session/brand).
  const first = memberships[0];
  if (!first) throw new AppError("FORBIDDEN", "This account is not a member of any brand any more.");
  return signedIn(createMemberSession(first.id), {
    member: toMember(first),
    brands: memberships.map((m) => ({ memberId: m.id, brandId: m.brandId, role: m.role })),
  });
});

function signedIn(session: { value: string; expiresAt: number }, extra: object = {}) {
  return Response.json(
    { ok: true, expiresAt: new Date(session.expiresAt).toISOString(), ...extra },
    { headers: { ...noStore, "Set-Cookie": sessionCookie(session) } },
  );
}

/** Sign out: the session is recorded as ended (a copy of the cookie stops working too) and cleared. */
export const DELETE = adminRoute(
  noParams,
  async (req, { session }) => {
    // Called with a Bearer credential, the wrapper did not read the cookie: a cookie sent along ends too.
    const ended = session ?? readAdminSession(readCookie(req, ADMIN_COOKIE));
    if (ended) await recordSignOut(ended);
    return Response.json({ ok: true }, { headers: { ...noStore, "Set-Cookie": sessionCookie(undefined) } });
  },
  { role: "viewer" }, // anyone signed in may sign out
);

export const { GET, PUT, PATCH, OPTIONS } = notAllowed("POST", "DELETE");
