import { isAdminToken, requireAdmin, requireSameOrigin } from "@/lib/auth/admin";
import {
  ADMIN_COOKIE,
  createAdminSession,
  readAdminSession,
  readCookie,
  sessionCookie,
} from "@/lib/auth/admin-session";
import { recordSignOut } from "@/lib/auth/admin-sign-outs";
import { AppError } from "@/lib/errors";
import { noStore, readJson, route } from "@/lib/http";
import { clientAddress } from "@/lib/security/client-address";
import { limits } from "@/lib/security/limits";
import { consume, refund } from "@/lib/security/rate-limit";
import { sessionInput } from "@/lib/schemas/drop-admin";

/** Sign in: trades the admin token for a signed, httpOnly, SameSite=Strict session cookie. */
export const POST = route(async (req) => {
  // A browser always sends Origin here; a script may not. A foreign page never gets to sign in.
  if (req.headers.has("origin")) requireSameOrigin(req);
  const { token } = await readJson(req, sessionInput);
  // An address that sent too many wrong tokens is locked out, even with the right one, for the
  // rest of the window; another address still signs in. Counted before the token is compared,
  // so parallel guesses cannot all slip past the limit; a right token is taken back off.
  const address = clientAddress(req);
  if (address) await consume(limits.signInFailures(), address);
  if (!isAdminToken(token)) throw new AppError("UNAUTHENTICATED", "That is not the admin token.");
  if (address) await refund(limits.signInFailures(), address);
  const session = createAdminSession();
  return Response.json(
    { ok: true, expiresAt: new Date(session.expiresAt).toISOString() },
    { headers: { ...noStore, "Set-Cookie": sessionCookie(session) } },
  );
});

/** Sign out: the session is recorded as ended (a copy of the cookie stops working too) and cleared. */
export const DELETE = route(async (req) => {
  await requireAdmin(req);
  const session = readAdminSession(readCookie(req, ADMIN_COOKIE));
  if (session) await recordSignOut(session);
  return Response.json({ ok: true }, { headers: { ...noStore, "Set-Cookie": sessionCookie(undefined) } });
});
