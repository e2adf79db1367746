import { requirePerson } from "@/lib/brand/principal";
import { removeMember } from "@/lib/brand/removal";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore } from "@/lib/http/route";
import { memberParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * Removes a member (owner or operator): 204; every session of theirs in this brand ends at once, and
 * their pending invites and the API tokens they made are revoked.
 */
export const DELETE = adminRoute(
  memberParams,
  async (_req, { brandId, memberId, principal }) => {
    requirePerson(principal);
    await removeMember({ brandId, memberId });
    return new Response(null, { status: 204, headers: noStore });
  },
  {
    role: "owner",
    wall: requireOwnBrand,
    activity: ({ memberId }) => ({ action: "member.remove", detail: memberId }),
  },
);

export const { GET, POST, PUT, PATCH, OPTIONS } = notAllowed("DELETE");
