import "server-only";
import { accountByEmail } from "@/lib/brand/account-lookup";
import type { Account } from "@/lib/brand/accounts";
import { listMemberships, type MemberItem } from "@/lib/brand/members";
import { refuseIfNoHashesLeft, verifyAgainstDummy, verifyPassword } from "@/lib/brand/passwords";
import { LoggedError, type ActivityNote } from "@/lib/brand/activity";
import { AppError } from "@/lib/errors";
import { limits } from "@/lib/security/limits";
import { consume, refund } from "@/lib/security/rate-limit";

/**
 * An account's email and password, checked: its memberships, or 401 with one message for a wrong
 * password and an unknown email alike, in about the same time (an unknown email imitates the hash,
 * lib/brand/hash-gate.ts). The outcome is noted for each of the account's brands: `activity` for a
 * right password, a LoggedError for a wrong one (the route wrapper records both).
 *
 * Counted before the check, so parallel guesses cannot slip past: against the address (where one is
 * trusted; the operator token's form shares it) and the account (from any address; its window is
 * short, lib/security/limits.ts). A right password, or a 503 (busy: no guess was made), is taken back
 * off both. The steps that do not depend on each other go out together (three round trips and the
 * hash): under a flood every round trip waits behind it.
 */
export async function signInAccount({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address?: string;
}): Promise<{ account: Account; memberships: MemberItem[]; activity: ActivityNote[] }> {
  const giveBack = () =>
    Promise.all([
      refund(limits.accountSignInFailures(), email),
      address && refund(limits.signInFailures(), address),
    ]);
  // Busy (503) was no guess: neither count keeps it.
  const busyGivesBack = async (err: unknown): Promise<never> => {
    if (err instanceof AppError && err.code === "UNAVAILABLE") await giveBack();
    throw err;
  };
  const [counted, found] = await Promise.allSettled([
    countBoth(email, address),
    Promise.all([accountByEmail({ email }), refuseIfNoHashesLeft()]),
  ]);
  if (counted.status === "rejected") throw counted.reason; // nothing is left counted
  if (found.status === "rejected") await busyGivesBack(found.reason);
  const account = found.status === "fulfilled" ? found.value[0] : undefined;
  // Read while the password is hashed: only a right one needs them, but both outcomes are noted to them.
  const listing = account ? listMemberships({ accountId: account.id }) : Promise.resolve([]);
  listing.catch(() => undefined); // awaited below, unless the hash fails first
  const ok = await (
    account ? verifyPassword(password, account.passwordHash) : verifyAgainstDummy(password)
  ).catch(busyGivesBack);
  const memberships = await listing;
  const notes = (action: string): ActivityNote[] =>
    memberships.map((m) => ({ brandId: m.brandId, action, actor: { kind: "member", id: m.id } }));
  if (!account || !ok)
    throw new LoggedError("UNAUTHENTICATED", "Wrong email or password.", notes("member.signInFailed"));
  await giveBack();
  return { account, memberships, activity: notes("member.signIn") };
}

/** Both counts at once; a refusal by one gives the other's count back (a locked account keeps its owner's address). */
async function countBoth(email: string, address: string | undefined) {
  const [byAddress, byAccount] = await Promise.allSettled([
    address && consume(limits.signInFailures(), address),
    consume(limits.accountSignInFailures(), email),
  ]);
  if (byAddress.status === "rejected") {
    if (byAccount.status === "fulfilled") await refund(limits.accountSignInFailures(), email);
    throw byAddress.reason;
  }
  if (byAccount.status === "rejected") {
    if (address) await refund(limits.signInFailures(), address);
    throw byAccount.reason;
  }
}
