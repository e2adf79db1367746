import "server-only";
import { createAccount, getAccount, type Account } from "@/lib/brand/accounts";
import { table } from "@/lib/db/client";
import { ignoreRefusal } from "@/lib/db/conditional";
import { lists, setInList } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";

// Before accounts, an email was one member of one brand: MEMBER#<id> held the password hash and
// MEMBEREMAIL#<email> named the member. Such a member becomes an account (with the member's id) the
// first time their email is looked up, so nobody has to be invited again. Each step is safe to repeat
// and to resume after a crash: the account is found or written with the same id, then the member
// points at it, then the old key goes. Delete this file once no table holds MEMBEREMAIL# items.

export async function adoptLegacyMember({
  email,
  memberId,
}: {
  email: string;
  memberId: string;
}): Promise<Account | undefined> {
  const { Item: member } = await table.get({ Key: keys.member(memberId), ConsistentRead: true });
  if (!member || member.email !== email) return undefined; // removed, or the key is stale
  const account =
    (await getAccount({ id: memberId })) ??
    (typeof member.passwordHash === "string"
      ? await createAccount({
          id: memberId,
          email,
          name: member.name as string,
          passwordHash: member.passwordHash,
          now: Date.parse(member.createdAt as string),
        })
      : undefined);
  if (!account) return undefined;
  const mine = setInList(lists.membershipsOf(account.id), member.brandId as string);
  await table
    .update({
      Key: keys.member(memberId),
      UpdateExpression: `SET accountId = :id, ${mine.clause} REMOVE passwordHash`,
      ConditionExpression: "attribute_exists(pk)", // never recreates a member removed meanwhile
      ExpressionAttributeValues: { ":id": account.id, ...mine.values },
    })
    .catch(ignoreRefusal);
  await table
    .delete({
      Key: keys.legacyMemberEmail(email),
      ConditionExpression: "memberId = :id",
      ExpressionAttributeValues: { ":id": memberId },
    })
    .catch(ignoreRefusal);
  return account;
}
