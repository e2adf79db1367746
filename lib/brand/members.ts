import "server-only";
import { createHash } from "node:crypto";
import type { Account } from "@/lib/brand/accounts";
import { queryAll, table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { inList, listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { MadeBy, Member, Role } from "@/lib/schemas/brand";

// Members: MEMBER#<id>, one per (brand, account): the role in that brand, and a copy of the account's
// email and name for the brand's list. Listed on gsi1 "MEMBERS#<brandId>" (by email) and gsi2
// "ACCOUNTMEMBERS#<accountId>" (the account's brands). A member's sessions read MEMBER# on every
// request (lib/auth/member-session.ts), so removing it ends them at once.

export type MemberItem = Member & { accountId: string; invitedBy?: MadeBy; inviteId?: string };

/** One id per (brand, account), so an account joins a brand once, by a conditional put. */
export const memberIdFor = (brandId: string, accountId: string) =>
  createHash("sha256").update(`member:v1:${brandId}:${accountId}`).digest("hex").slice(0, 16);

export function toMember(item: Record<string, unknown>): Member {
  return {
    id: item.id as string,
    brandId: item.brandId as string,
    email: item.email as string,
    name: item.name as string,
    role: item.role as Role,
    createdAt: item.createdAt as string,
  };
}

/** A member from before accounts is its own account (lib/brand/legacy-members.ts). */
const toItem = (item: Record<string, unknown>): MemberItem => ({
  ...toMember(item),
  accountId: (item.accountId as string | undefined) ?? (item.id as string),
  ...(item.invitedBy ? { invitedBy: item.invitedBy as MadeBy } : {}),
  ...(item.inviteId ? { inviteId: item.inviteId as string } : {}),
});

export async function getMemberItem({ id }: { id: string }): Promise<MemberItem | undefined> {
  const { Item } = await table.get({ Key: keys.member(id), ConsistentRead: true });
  return Item ? toItem(Item) : undefined;
}

export async function listMembers({ brandId }: { brandId: string }): Promise<Member[]> {
  const items = await queryAll({
    ...listQuery(lists.membersOf(brandId)),
  });
  return items.map(toMember);
}

/** The brand's member with `email` (normalised), if any: inviting a member again is refused. */
export async function memberByEmail({ brandId, email }: { brandId: string; email: string }) {
  const items = await queryAll({
    ...listQuery(lists.membersOf(brandId), { op: "=", sortKey: email }),
  });
  return items[0] ? toItem(items[0]) : undefined;
}

/** Every brand the account is a member of (from an index: may lag a join by a moment). */
export async function listMemberships({ accountId }: { accountId: string }): Promise<MemberItem[]> {
  const items = await queryAll({
    ...listQuery(lists.membershipsOf(accountId)),
  });
  return items.map(toItem).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Makes `account` a member of `brandId` with `role`, by the invite `inviteId`: 409 ALREADY_MEMBER
 * when it is one already. The same invite's acceptance, sent again or resumed after a crash, finds
 * its own item and goes on.
 */
export async function addMember({
  brandId,
  account,
  role,
  invitedBy,
  inviteId,
  now = Date.now(),
}: {
  brandId: string;
  account: Account;
  role: Role;
  invitedBy: MadeBy;
  inviteId: string;
  now?: number;
}): Promise<Member> {
  const item: MemberItem = {
    id: memberIdFor(brandId, account.id),
    brandId,
    accountId: account.id,
    email: account.email,
    name: account.name,
    role,
    createdAt: new Date(now).toISOString(),
    invitedBy,
    inviteId,
  };
  const written = await writeIf(
    table.put({
      Item: {
        ...keys.member(item.id),
        ...item,
        ...inList(lists.membersOf(brandId), account.email),
        ...inList(lists.membershipsOf(account.id), brandId),
      },
      // One membership per (brand, account); only the same invite's acceptance may write it again.
      ConditionExpression: "attribute_not_exists(pk) OR (accountId = :account AND inviteId = :invite)",
      ExpressionAttributeValues: { ":account": account.id, ":invite": inviteId },
    }),
  );
  if (!written.applied) throw alreadyMember();
  return toMember(item);
}

export const alreadyMember = () =>
  new AppError("ALREADY_MEMBER", "This email is already a member of this brand.", [
    { path: "email", message: "Already a member of this brand" },
  ]);

/** The member, if it may be removed: 404 for another brand's or an unknown one, 409 for the last owner. */
export async function removableMember({ brandId, memberId }: { brandId: string; memberId: string }) {
  const item = await getMemberItem({ id: memberId });
  if (!item || item.brandId !== brandId) throw new AppError("NOT_FOUND", "No such member.");
  // A brand keeps an owner (two owners removing each other at the same instant could still both go).
  if (item.role === "owner" && (await listMembers({ brandId })).filter((m) => m.role === "owner").length <= 1)
    throw new AppError("LAST_OWNER", "This is the brand's last owner: make someone else an owner first.");
  return item;
}

/**
 * Deletes a member of `brandId`; their sessions stop on their next request. The account stays (it
 * may belong to other brands). lib/brand/removal.ts is the whole removal.
 */
export async function deleteMember({ brandId, memberId }: { brandId: string; memberId: string }) {
  const written = await writeIf(
    table.delete({
      Key: keys.member(memberId),
      ConditionExpression: "brandId = :brand", // never another brand's member
      ExpressionAttributeValues: { ":brand": brandId },
    }),
  );
  if (!written.applied) throw new AppError("NOT_FOUND", "No such member.");
}
