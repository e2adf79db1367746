import "server-only";
import { createHash } from "node:crypto";
import { accountByEmail } from "@/lib/brand/account-lookup";
import { createAccount, type Account } from "@/lib/brand/accounts";
import {
  inviteByToken,
  inviteEnded,
  inviteState,
  type InviteItem,
  type InviteState,
} from "@/lib/brand/invites";
import { addMember, alreadyMember, listMemberships } from "@/lib/brand/members";
import { getBrand } from "@/lib/brand/brands";
import { hashPassword, verifyPassword, weakPasswordReason } from "@/lib/brand/passwords";
import { table } from "@/lib/db/client";
import { ignoreRefusal, writeIf } from "@/lib/db/conditional";
import { createdSortKey, leaveIndex, lists, setInList } from "@/lib/db/lists";
import { indexes, keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import { PASSWORD_MIN, type Member, type Role } from "@/lib/schemas/brand";

// Accepting an invite: the email's account joins the brand. An account that exists proves itself
// with its password (or is signed in as it); otherwise a new one is made with a name and password.
// Single use: one conditional write takes the invite for that account, and only then is the
// membership written; the steps are safe to send again and to resume after a crash (the same
// account takes it again, the new account's id comes from the invite), until joinedAt closes it.

const ended: Record<Exclude<InviteState, "pending">, string> = {
  used: "This invite was already used. Sign in instead.",
  expired: "This invite has expired; ask for a new one.",
  revoked: "This invite was withdrawn; ask for a new one.",
  inviterGone: "The person who sent this invite can no longer invite to this brand; ask for a new one.",
};

const invalid = (path: string, message: string) =>
  new AppError("INVALID_REQUEST", "The request is not valid.", [{ path, message }]);

/** A new account made by an invite's acceptance has an id fixed by the invite, so a retry finds it. */
const accountIdFor = (inviteId: string) =>
  createHash("sha256").update(`account:v1:${inviteId}`).digest("hex").slice(0, 16);

/** What the invite's page shows at once: for whom and which brand, whether it still holds, and how to join. */
export type InviteView = {
  brandName: string;
  email: string;
  role: Role;
  expiresAt: string;
  state: InviteState;
  /** Why it no longer holds, in words. */
  ended?: string;
  /** "new": choose a name and password; "password": the account's password; "signedIn": as it is. */
  join: "new" | "password" | "signedIn";
};

/** The invite a token names (404 for none) as its page shows it; `sessionAccountId` as for acceptInvite. */
export async function viewInvite({
  token,
  sessionAccountId,
  now = Date.now(),
}: {
  token: string;
  sessionAccountId?: string;
  now?: number;
}): Promise<InviteView> {
  const invite = await inviteByToken(token);
  const [state, brand, account] = await Promise.all([
    inviteState(invite, now),
    getBrand({ id: invite.brandId }),
    accountByEmail({ email: invite.email }),
  ]);
  return {
    brandName: brand?.name ?? invite.brandId,
    email: invite.email,
    role: invite.role,
    expiresAt: invite.expiresAt,
    state,
    ...(state === "pending" ? {} : { ended: ended[state] }),
    join: !account ? "new" : account.id === sessionAccountId ? "signedIn" : "password",
  };
}

export async function acceptInvite({
  token,
  name,
  password,
  sessionAccountId,
  now = Date.now(),
}: {
  token: string;
  name?: string;
  password?: string;
  /** The account of the admin session the request carries, if any: then no password is needed. */
  sessionAccountId?: string;
  now?: number;
}): Promise<{ member: Member; account: Account; created: boolean }> {
  const invite = await inviteByToken(token);
  const state = await inviteState(invite, now);
  if (state !== "pending") throw inviteEnded(ended[state]);
  const existing = await accountByEmail({ email: invite.email });
  let account: Account | undefined = existing;
  let passwordHash = "";
  if (existing) {
    await proveAccount(existing, { password, sessionAccountId });
    const other = (await listMemberships({ accountId: existing.id })).find(
      (m) => m.brandId === invite.brandId && m.inviteId !== invite.id,
    );
    if (other) throw alreadyMember();
  } else {
    if (!name) throw invalid("name", "Enter your name");
    const weak =
      password === undefined ? `At least ${PASSWORD_MIN} characters` : weakPasswordReason(password);
    if (weak) throw invalid("password", weak);
    passwordHash = await hashPassword(password!); // before taking the invite, so a 503 here leaves it
  }
  const accountId = existing?.id ?? accountIdFor(invite.id);
  await take(invite, accountId, now);
  if (!account) {
    account = await createAccount({ id: accountId, email: invite.email, name: name!, passwordHash, now });
    if (!account) {
      await giveBack(invite, accountId);
      throw new AppError(
        "EMAIL_TAKEN",
        "An account with this email was just made: open the invite again and join with its password.",
      );
    }
  }
  const member = await addMember({
    brandId: invite.brandId,
    account,
    role: invite.role,
    invitedBy: invite.invitedBy,
    inviteId: invite.id,
    now,
  });
  await table.update({
    Key: keys.invite(invite.id),
    UpdateExpression: "SET joinedAt = if_not_exists(joinedAt, :now)",
    ConditionExpression: "acceptedBy = :account", // closes the invite for good
    ExpressionAttributeValues: { ":now": new Date(now).toISOString(), ":account": accountId },
  });
  return { member, account, created: !existing };
}

/** The account's password, or a session of that very account: else 401 (the route counts it). */
async function proveAccount(
  account: Account,
  { password, sessionAccountId }: { password?: string; sessionAccountId?: string },
) {
  if (sessionAccountId === account.id) return;
  if (password === undefined) throw invalid("password", "Enter the password of your DropRush account");
  if (!(await verifyPassword(password, account.passwordHash)))
    throw new AppError("UNAUTHENTICATED", "Wrong password for this account.", [
      { path: "password", message: "Wrong password" },
    ]);
}

/** Takes the invite for `accountId`: once, unless it is that account resuming before it joined. */
async function take(invite: InviteItem, accountId: string, now: number) {
  const written = await writeIf(
    table.update({
      Key: keys.invite(invite.id),
      UpdateExpression: `SET usedAt = if_not_exists(usedAt, :now), acceptedBy = :account REMOVE ${leaveIndex(indexes.byParent)}`,
      ConditionExpression:
        "attribute_not_exists(revokedAt) AND attribute_not_exists(joinedAt) AND expiresAtMs > :nowMs AND (attribute_not_exists(usedAt) OR acceptedBy = :account)",
      ExpressionAttributeValues: {
        ":now": new Date(now).toISOString(),
        ":account": accountId,
        ":nowMs": now,
      },
    }),
  );
  if (!written.applied) throw inviteEnded();
}

/** Makes the invite pending again after its acceptance was refused (only the one that took it). */
async function giveBack(invite: InviteItem, accountId: string) {
  const pending = setInList(lists.invitesOf(invite.brandId), createdSortKey(invite.createdAt, invite.id));
  await table
    .update({
      Key: keys.invite(invite.id),
      UpdateExpression: `SET ${pending.clause} REMOVE usedAt, acceptedBy`,
      ConditionExpression: "acceptedBy = :account AND attribute_not_exists(joinedAt)",
      ExpressionAttributeValues: { ":account": accountId, ...pending.values },
    })
    .catch(ignoreRefusal);
}
