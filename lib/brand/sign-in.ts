import "server-only";
import { accountByEmail } from "@/lib/brand/account-lookup";
import type { Account } from "@/lib/brand/accounts";
import { listMemberships, type MemberItem } from "@/lib/brand/members";
import { refuseIfNoHashesLeft, verifyAgainstDummy, verifyPassword } from "@/lib/brand/passwords";
import { noteActivity } from "@/lib/brand/activity";
import { AppError } from "@/lib/errors";

/**
 * An account's email and password, checked: the account and its memberships, or 401 with one
 * message for a wrong password and an unknown email alike, in about the same time (an unknown email
 * imitates the hash, lib/brand/hash-gate.ts). Each of the account's brands logs the outcome.
 */
export async function checkAccountPassword({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address?: string;
}): Promise<{ account: Account; memberships: MemberItem[] }> {
  const [account] = await Promise.all([accountByEmail({ email }), refuseIfNoHashesLeft()]);
  const ok = account
    ? await verifyPassword(password, account.passwordHash)
    : await verifyAgainstDummy(password);
  if (!account || !ok) {
    if (account) await logEach(account, "member.signInFailed", address);
    throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  }
  const memberships = await logEach(account, "member.signIn", address);
  return { account, memberships };
}

async function logEach(account: Account, action: string, address: string | undefined) {
  const memberships = await listMemberships({ accountId: account.id });
  await Promise.all(
    memberships.map((m) =>
      noteActivity({ brandId: m.brandId, action, actor: { kind: "member", id: m.id }, address }),
    ),
  );
  return memberships;
}
