import { requireSameOrigin } from "@/lib/auth/admin";
import { createMemberSession, sessionCookie } from "@/lib/auth/admin-session";
import { acceptInvite } from "@/lib/brand/invites";
import { noStore, publicRoute, readJson } from "@/lib/http";
import { acceptInviteInput, inviteParams } from "@/lib/schemas/brand";

/** Joins a brand by an invite: 201 `{member}`, signed in (the session cookie is set). */
export const POST = publicRoute(inviteParams, async (req, { token }) => {
  if (req.headers.has("origin")) requireSameOrigin(req); // a foreign page never signs anyone in
  const { name, password } = await readJson(req, acceptInviteInput);
  const member = await acceptInvite({ token, name, password });
  return Response.json(
    { member },
    { status: 201, headers: { ...noStore, "Set-Cookie": sessionCookie(createMemberSession(member.id)) } },
  );
});
