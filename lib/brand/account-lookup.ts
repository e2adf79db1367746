import "server-only";
import { getAccount, type Account } from "@/lib/brand/accounts";
import { adoptLegacyMember } from "@/lib/brand/legacy-members";
import { getItemBatched } from "@/lib/db/batched-get";
import { keys } from "@/lib/db/table";

/**
 * The account that signs in with `email` (already normalised), or undefined. One round trip reads
 * the email's account key and, for a member from before accounts, its old key (then adopted).
 */
export async function accountByEmail({ email }: { email: string }): Promise<Account | undefined> {
  const [current, legacy] = await Promise.all([
    getItemBatched(keys.accountEmail(email)),
    getItemBatched(keys.legacyMemberEmail(email)),
  ]);
  const accountId = current?.accountId as string | undefined;
  if (accountId !== undefined) return getAccount({ id: accountId });
  const memberId = legacy?.memberId as string | undefined;
  return memberId === undefined ? undefined : adoptLegacyMember({ email, memberId });
}
