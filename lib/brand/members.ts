import "server-only";
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { db, queryAll, tableName } from "@/lib/db/client";
import { indexes, keys, parents } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { Member, Role } from "@/lib/schemas/brand";

// Members: MEMBER#<id> (name, email, role, the password's slow hash; listed on gsi1
// "MEMBERS#<brandId>") and MEMBEREMAIL#<email> (which member signs in with an email). An email
// belongs to one member of one brand. Removing a member deletes both: the member's sessions read
// MEMBER# on every request (lib/auth/admin.ts), so they end at once.

export type MemberItem = Member & { passwordHash: string };

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

/** The member item with its hash (for sign-in), or undefined. */
export async function getMemberItem({ id }: { id: string }): Promise<MemberItem | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.member(id), ConsistentRead: true }),
  );
  return Item as MemberItem | undefined;
}

/** Which member signs in with `email` (already normalised), or undefined. */
export async function memberIdByEmail({ email }: { email: string }): Promise<string | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.memberEmail(email), ConsistentRead: true }),
  );
  return Item?.memberId as string | undefined;
}

export async function listMembers({ brandId }: { brandId: string }): Promise<Member[]> {
  const items = await queryAll({
    IndexName: indexes.byParent.name,
    KeyConditionExpression: "gsi1pk = :members",
    ExpressionAttributeValues: { ":members": parents.membersOf(brandId) },
  });
  return items.map(toMember);
}

/** Removes a member of `brandId` (404 for anyone else's); their sessions stop on their next request. */
export async function removeMember({
  brandId,
  memberId,
}: {
  brandId: string;
  memberId: string;
}): Promise<Member> {
  const item = await getMemberItem({ id: memberId });
  if (!item || item.brandId !== brandId) throw new AppError("NOT_FOUND", "No such member.");
  // A brand keeps an owner (two owners removing each other at the same instant could still both go).
  if (item.role === "owner" && (await listMembers({ brandId })).filter((m) => m.role === "owner").length <= 1)
    throw new AppError("LAST_OWNER", "This is the brand's last owner: make someone else an owner first.");
  // The member item first: from this write on, every session of theirs is refused.
  await db().send(
    new DeleteCommand({
      TableName: tableName(),
      Key: keys.member(memberId),
      ConditionExpression: "brandId = :brand", // never another brand's member
      ExpressionAttributeValues: { ":brand": brandId },
    }),
  );
  await db()
    .send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.memberEmail(item.email),
        ConditionExpression: "memberId = :id", // frees the email only if it is still theirs
        ExpressionAttributeValues: { ":id": memberId },
      }),
    )
    .catch((err: unknown) => {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    });
  return toMember(item);
}
