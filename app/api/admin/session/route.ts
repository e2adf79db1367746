import { isAdminToken, requireAdmin, requireSameOrigin } from "@/lib/auth/admin";
import { createAdminSession, sessionCookie } from "@/lib/auth/admin-session";
import { AppError } from "@/lib/errors";
import { noStore, readJson, route } from "@/lib/http";
import { sessionInput } from "@/lib/schemas/drop-admin";

/** Sign in: trades the admin token for a signed, httpOnly, SameSite=Strict session cookie. */
export const POST = route(async (req) => {
  // A browser always sends Origin here; a script may not. A foreign page never gets to sign in.
  if (req.headers.has("origin")) requireSameOrigin(req);
  const { token } = await readJson(req, sessionInput);
  if (!isAdminToken(token)) throw new AppError("UNAUTHENTICATED", "That is not the admin token.");
  const session = createAdminSession();
  return Response.json(
    { ok: true, expiresAt: new Date(session.expiresAt).toISOString() },
    { headers: { ...noStore, "Set-Cookie": sessionCookie(session) } },
  );
});

/** Sign out: clears the cookie. */
export const DELETE = route(async (req) => {
  requireAdmin(req);
  return Response.json({ ok: true }, { headers: { ...noStore, "Set-Cookie": sessionCookie(undefined) } });
});
