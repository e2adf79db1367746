import { requireSameOrigin, sessionPrincipal } from "@/lib/auth/admin";
import { ADMIN_COOKIE, createMemberSession, readCookie, sessionCookie } from "@/lib/auth/admin-session";
import { acceptInvite } from "@/lib/brand/accept-invite";
import { noteActivity } from "@/lib/brand/activity";
import { AppError } from "@/lib/errors";
import { noStore, publicRoute, readJson } from "@/lib/http/route";
import { acceptInviteInput, inviteParams } from "@/lib/schemas/brand";
import { clientAddress } from "@/lib/security/client-address";
import { limits } from "@/lib/security/limits";
import { consume, refund } from "@/lib/security/rate-limit";
import { notAllowed } from "@/lib/api-routes";

/**
 * Joins a brand by an invite: 201 `{member, created}`, signed in to that brand. A new account sends
 * a name and password; an existing one its password, or nothing when signed in as it. A wrong
 * password counts against the address's sign-in failures, as the sign-in form's does.
 */
export const POST = publicRoute(inviteParams, async (req, { token }) => {
  if (req.headers.has("origin")) requireSameOrigin(req); // a foreign page never signs anyone in
  const input = await readJson(req, acceptInviteInput);
  const signedIn = await sessionPrincipal(readCookie(req, ADMIN_COOKIE));
  const address = clientAddress(req);
  if (address) await consume(limits.signInFailures(), address);
  const { member, created } = await acceptInvite({
    token,
    ...input,
    sessionAccountId: signedIn?.kind === "member" ? signedIn.accountId : undefined,
  }).catch(async (err: unknown) => {
    const guessed = err instanceof AppError && err.code === "UNAUTHENTICATED";
    if (address && !guessed) await refund(limits.signInFailures(), address);
    throw err;
  });
  if (address) await refund(limits.signInFailures(), address);
  await noteActivity({
    brandId: member.brandId,
    action: "member.join",
    actor: { kind: "member", id: member.id },
    detail: member.role,
    address: clientAddress(req),
  });
  return Response.json(
    { member, created },
    { status: 201, headers: { ...noStore, "Set-Cookie": sessionCookie(createMemberSession(member.id)) } },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
