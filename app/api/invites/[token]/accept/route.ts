import { requireSameOrigin } from "@/lib/auth/admin";
import { ADMIN_COOKIE, readCookie, sessionCookie } from "@/lib/auth/admin-session";
import { joinByInvite } from "@/lib/auth/admin-sign-in";
import { noStore, publicRoute, readJson } from "@/lib/http/route";
import { acceptInviteInput, inviteParams } from "@/lib/schemas/brand";
import { clientAddress } from "@/lib/security/client-address";
import { notAllowed } from "@/lib/api-routes";

/**
 * Joins a brand by an invite: 201 `{member, created}`, signed in to that brand. A new account sends
 * a name and password; an existing one its password, or nothing when signed in as it. A wrong
 * password counts against the address's sign-in failures, as the sign-in form's does.
 */
export const POST = publicRoute(inviteParams, async (req, { token, log }) => {
  if (req.headers.has("origin")) requireSameOrigin(req); // a foreign page never signs anyone in
  const input = await readJson(req, acceptInviteInput);
  const cookie = readCookie(req, ADMIN_COOKIE);
  const joined = await joinByInvite({ token, input, cookie, address: clientAddress(req) });
  log(...joined.activity);
  return Response.json(
    { member: joined.member, created: joined.created },
    { status: 201, headers: { ...noStore, "Set-Cookie": sessionCookie(joined.session) } },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
