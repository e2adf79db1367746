import { requirePerson } from "@/lib/auth/principal";
import { createInvite } from "@/lib/brand/invites";
import { requireOwnBrand } from "@/lib/brand/wall";
import { adminRoute, noStore, readJson } from "@/lib/http";
import { brandParams, inviteInput } from "@/lib/schemas/brand";

/** Invites a person to the brand (operator, or the brand's owner): the token is shown this once. */
export const POST = adminRoute(
  brandParams,
  async (req, { brandId, principal }) => {
    requirePerson(principal);
    const { email, role } = await readJson(req, inviteInput);
    const invite = await createInvite({ brandId, email, role, origin: new URL(req.url).origin });
    return Response.json({ invite }, { status: 201, headers: noStore });
  },
  { role: "owner", wall: requireOwnBrand, activity: () => ({ action: "member.invite" }) },
);
