import { requirePerson } from "@/lib/brand/principal";
import { revokeInvite } from "@/lib/brand/invites";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore } from "@/lib/http/route";
import { inviteIdParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** Withdraws a pending invite (owner or operator): 204; its link is refused from now on. */
export const DELETE = adminRoute(
  inviteIdParams,
  async (_req, { brandId, inviteId, principal }) => {
    requirePerson(principal);
    await revokeInvite({ brandId, inviteId });
    return new Response(null, { status: 204, headers: noStore });
  },
  {
    role: "owner",
    wall: requireOwnBrand,
    activity: ({ inviteId }) => ({ action: "member.inviteRevoke", detail: inviteId }),
  },
);

export const { GET, POST, PUT, PATCH, OPTIONS } = notAllowed("DELETE");
