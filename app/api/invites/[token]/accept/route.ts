import { requireSameOrigin } from "@/lib/auth/admin";
import { createMemberSession, sessionCookie } from "@/lib/auth/admin-session";
import { noteActivity } from "@/lib/brand/activity";
import { acceptInvite } from "@/lib/brand/invites";
import { clientAddress } from "@/lib/security/client-address";
import { noStore, publicRoute, readJson } from "@/lib/http";
import { acceptInviteInput, inviteParams } from "@/lib/schemas/brand";

/** Joins a brand by an invite: 201 `{member}`, signed in (the session cookie is set). */
export const POST = publicRoute(inviteParams, async (req, { token }) => {
  if (req.headers.has("origin")) requireSameOrigin(req); // a foreign page never signs anyone in
  const { name, password } = await readJson(req, acceptInviteInput);
  const member = await acceptInvite({ token, name, password });
  await noteActivity({
    brandId: member.brandId,
    action: "member.join",
    actor: { kind: "member", id: member.id },
    detail: member.role,
    address: clientAddress(req),
  });
  return Response.json(
    { member },
    { status: 201, headers: { ...noStore, "Set-Cookie": sessionCookie(createMemberSession(member.id)) } },
  );
});
