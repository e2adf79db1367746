import "server-only";
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import type { AdminSession } from "@/lib/auth/admin-session";
import type { Principal } from "@/lib/auth/principal";
import { toMember } from "@/lib/brand/members";
import { db, tableName } from "@/lib/db/client";
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
  let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
    [tableName()]: { Keys: [signOut, member], ConsistentRead: true },
  };
  const items: Record<string, unknown>[] = [];
  while (request && Object.keys(request).length > 0) {
    const res = await db().send(new BatchGetCommand({ RequestItems: request }));
    items.push(...(res.Responses?.[tableName()] ?? []));
    request = res.UnprocessedKeys as typeof request;
  }
  if (items.some((i) => i.pk === signOut.pk)) return undefined;
  const found = items.find((i) => i.pk === member.pk);
  if (!found) return undefined;
  const m = toMember(found);
  // A member from before accounts is its own account (lib/brand/legacy-members.ts).
  const accountId = (found.accountId as string | undefined) ?? m.id;
  return { kind: "member", memberId: m.id, accountId, brandId: m.brandId, role: m.role };
}
