import { requireSameOrigin } from "@/lib/auth/admin";
import { ADMIN_COOKIE, readAdminSession, readCookie, sessionCookie } from "@/lib/auth/admin-session";
import { signIn } from "@/lib/auth/admin-sign-in";
import { recordSignOut } from "@/lib/auth/admin-sign-outs";
import { adminRoute, noParams, noStore, publicRoute, readJson } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";
import { signInInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * Sign in: trades the operator's admin token, or an account's email and password, for a signed,
 * httpOnly, SameSite=Strict session cookie (a member's: acting in the account's first brand).
 */
export const POST = publicRoute(noParams, async (req, { log }) => {
  // A browser always sends Origin here; a script may not. A foreign page never gets to sign in.
  if (req.headers.has("origin")) requireSameOrigin(req);
  const input = await readJson(req, signInInput);
  const { session, answer, activity } = await signIn(input, clientAddress(req));
  log(...activity);
  return Response.json(
    { ok: true, expiresAt: new Date(session.expiresAt).toISOString(), ...answer },
    { headers: { ...noStore, "Set-Cookie": sessionCookie(session) } },
  );
});

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
