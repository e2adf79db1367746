import { requirePerson } from "@/lib/auth/principal";
import { removeMember } from "@/lib/brand/members";
import { requireOwnBrand } from "@/lib/brand/wall";
import { adminRoute, noStore } from "@/lib/http";
import { memberParams } from "@/lib/schemas/brand";

/** Removes a member (owner or operator): 204, and every session of theirs ends at once. */
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
