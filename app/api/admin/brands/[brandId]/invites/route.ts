import { madeByOf, requirePerson } from "@/lib/brand/principal";
import { createInvite, listInvites } from "@/lib/brand/invites";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore, readJson } from "@/lib/http/route";
import { brandParams, inviteInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * Invites a person to the brand (operator, or the brand's owner): the link goes by mail to the
 * email, never into this answer, so the inviter can neither accept it nor learn whether the email
 * has an account elsewhere.
 */
export const POST = adminRoute(
  brandParams,
  async (req, { brandId, principal }) => {
    requirePerson(principal);
    const { email, role } = await readJson(req, inviteInput);
    const { invite } = await createInvite({ brandId, email, role, invitedBy: madeByOf(principal) });
    return Response.json({ invite }, { status: 201, headers: noStore });
  },
  { role: "owner", wall: requireOwnBrand, activity: () => ({ action: "member.invite" }) },
);

/** The brand's pending invites, with who made each (owner or operator). */
export const GET = adminRoute(
  brandParams,
  async (_req, { brandId, principal }) => {
    requirePerson(principal);
    return Response.json({ invites: await listInvites({ brandId }) }, { headers: noStore });
  },
  { role: "owner", wall: requireOwnBrand },
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
