import "server-only";
import type { AdminSession } from "@/lib/auth/admin-session";
import type { Principal } from "@/lib/brand/principal";
import { toMember } from "@/lib/brand/members";
import { batchGet } from "@/lib/db/batched-get";
import { keys } from "@/lib/db/table";

/**
 * A member's session as it holds now: one BatchGet (one round trip) of its sign-out record and the
 * member item. A signed-out session or a removed member is undefined; the role is the member's
 * current one, so a change of role applies on the next request.
 */
export async function memberPrincipal(
  session: AdminSession & { memberId: string },
): Promise<Principal | undefined> {
  const signOut = keys.adminSignOut(session.nonce);
  const member = keys.member(session.memberId);
  const items = await batchGet([signOut, member], true);
  if (items.some((i) => i.pk === signOut.pk)) return undefined;
  const found = items.find((i) => i.pk === member.pk);
  if (!found) return undefined;
  const m = toMember(found);
  // A member from before accounts is its own account (lib/brand/legacy-members.ts).
  const accountId = (found.accountId as string | undefined) ?? m.id;
  return { kind: "member", memberId: m.id, accountId, brandId: m.brandId, role: m.role };
}
