import "server-only";
import { revokeApiTokensBy } from "@/lib/brand/api-tokens";
import { revokeInvitesBy } from "@/lib/brand/invites";
import { deleteMember, removableMember, toMember } from "@/lib/brand/members";
import type { Member } from "@/lib/schemas/brand";

/**
 * Removes a member from a brand with everything they left behind in it: their sessions there end at
 * once (the member item goes), and their pending invites and the API tokens they made are revoked.
 * Revoked before the member goes, and again after, so one made in between is caught too; a crash
 * between the steps leaves the member listed, and the removal can be sent again. (Their invites are also refused at acceptance once they are no longer an owner.)
 */
export async function removeMember({
  brandId,
  memberId,
}: {
  brandId: string;
  memberId: string;
}): Promise<Member> {
  const leftovers = async () => {
    await revokeInvitesBy({ brandId, memberId });
    await revokeApiTokensBy({ brandId, memberId });
  };
  const member = await removableMember({ brandId, memberId });
  await leftovers();
  await deleteMember({ brandId, memberId });
  await leftovers();
  return toMember(member);
}
