import "server-only";
import { randomBytes } from "node:crypto";
import { table } from "@/lib/db/client";
import { writeIf } from "@/lib/db/conditional";
import { keys } from "@/lib/db/table";

// Accounts: a person who signs in. ACCOUNT#<id> holds the email, name and the password's slow hash;
// ACCOUNTEMAIL#<email> says which account an email is (one per email, platform-wide). Memberships
// of brands are MEMBER# items (lib/brand/members.ts), any number per account: an email is one
// person, who may belong to several brands, and nobody can keep an email out of a brand.

export type Account = { id: string; email: string; name: string; passwordHash: string; createdAt: string };

export async function getAccount({ id }: { id: string }): Promise<Account | undefined> {
  const { Item } = await table.get({ Key: keys.account(id), ConsistentRead: true });
  return Item as Account | undefined;
}

/**
 * A new account for `email`. The account item first, then the email's key on condition that no
 * account has it: so the email key only ever names an account that exists, and a crash between the
 * two leaves an orphan nobody can reach. Undefined when the email already has an account.
 */
export async function createAccount({
  email,
  name,
  passwordHash,
  id = randomBytes(8).toString("hex"),
  now = Date.now(),
}: {
  email: string;
  name: string;
  passwordHash: string;
  /** Fixed by the caller when a resend must find the same account (an invite's acceptance). */
  id?: string;
  now?: number;
}): Promise<Account | undefined> {
  const account: Account = { id, email, name, passwordHash, createdAt: new Date(now).toISOString() };
  await table.put({
    Item: { ...keys.account(id), ...account },
    // A resend of our own put finds the same item; a different account never shares a random id.
    ConditionExpression: "attribute_not_exists(pk) OR email = :email",
    ExpressionAttributeValues: { ":email": email },
  });
  const written = await writeIf(
    table.put({
      Item: { ...keys.accountEmail(email), accountId: id },
      // One account per email; a resend of our own put is recognised by its account id.
      ConditionExpression: "attribute_not_exists(pk) OR accountId = :id",
      ExpressionAttributeValues: { ":id": id },
    }),
  );
  if (!written.applied) return undefined;
  return account;
}
