import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { hashPassword, weakPasswordReason } from "@/lib/brand/passwords";
import { getMemberItem, memberIdByEmail, toMember, type MemberItem } from "@/lib/brand/members";
import { db, tableName } from "@/lib/db/client";
import { keys, parents, ttlAt } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { Member, Role } from "@/lib/schemas/brand";

// Invites: INVITE#<sha-256 of the token>. The token is shown once, to the inviter; only its hash is
// stored, so a read of the table cannot join a brand. Accepting is single-use: one conditional write
// marks the invite used, and only the request that wins it goes on to write the member.
export const INVITE_HOURS = 72;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createInvite({
  brandId,
  email,
  role,
  origin,
  now = Date.now(),
}: {
  brandId: string;
  email: string;
  role: Role;
  /** Where the link points (the request's own origin). */
  origin: string;
  now?: number;
}): Promise<{ token: string; url: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + INVITE_HOURS * 3_600_000;
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.invite(tokenHash(token)),
        brandId,
        email,
        role,
        createdAt: new Date(now).toISOString(),
        expiresAt,
        ttl: ttlAt(expiresAt) + 7 * 86_400,
      },
    }),
  );
  return { token, url: `${origin}/invites/${token}`, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Turns an invite into a member with `name` and `password`: 404 for a token that was never issued,
 * 410 INVITE_EXPIRED once it was used or is past its expiry, 409 EMAIL_TAKEN when the email is
 * already a member's (the invite is then given back), 400 for a weak password (the invite is kept).
 */
export async function acceptInvite({
  token,
  name,
  password,
  now = Date.now(),
}: {
  token: string;
  name: string;
  password: string;
  now?: number;
}): Promise<Member> {
  const weak = weakPasswordReason(password);
  if (weak) {
    throw new AppError("INVALID_REQUEST", "The request is not valid.", [{ path: "password", message: weak }]);
  }
  const key = keys.invite(tokenHash(token));
  const { Item: invite } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  if (!invite) throw new AppError("NOT_FOUND", "No such invite.");
  if (invite.usedAt !== undefined || (invite.expiresAt as number) <= now) throw expired();
  const passwordHash = await hashPassword(password); // before the claim, so the window below is short
  const memberId = randomBytes(8).toString("hex");
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "SET usedAt = :now, memberId = :member",
        // Single use: only one acceptance sets usedAt, and never past the expiry.
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :nowMs",
        ExpressionAttributeValues: {
          ":now": new Date(now).toISOString(),
          ":member": memberId,
          ":nowMs": now,
        },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw expired();
    throw err;
  }
  const member: MemberItem = {
    id: memberId,
    brandId: invite.brandId as string,
    email: invite.email as string,
    name,
    role: invite.role as Role,
    createdAt: new Date(now).toISOString(),
    passwordHash,
  };
  if (!(await takeEmail(member.email, memberId))) {
    await giveBack(key, memberId);
    throw new AppError("EMAIL_TAKEN", "This email already belongs to a member; sign in with it instead.");
  }
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.member(memberId),
        ...member,
        gsi1pk: parents.membersOf(member.brandId),
        gsi1sk: member.email,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return toMember(member);
}

/**
 * Takes the email for `memberId`: one member per email, across brands. An email held by a member id
 * with no member item (an acceptance that stopped between its two writes) is taken over, so a crash
 * never keeps an email out for good.
 */
async function takeEmail(email: string, memberId: string): Promise<boolean> {
  const put = (condition: string, values?: Record<string, string>) =>
    db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.memberEmail(email), memberId },
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
      }),
    );
  try {
    await put("attribute_not_exists(pk)");
    return true;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
  const holder = await memberIdByEmail({ email });
  if (holder === undefined || (await getMemberItem({ id: holder }))) return false;
  try {
    await put("memberId = :ghost", { ":ghost": holder }); // only if still the same ghost
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Makes an invite usable again after its acceptance was refused (only the one that took it). */
async function giveBack(key: Record<string, string>, memberId: string) {
  await db()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "REMOVE usedAt, memberId",
        ConditionExpression: "memberId = :member",
        ExpressionAttributeValues: { ":member": memberId },
      }),
    )
    .catch((err: unknown) => {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    });
}

const expired = () =>
  new AppError("INVITE_EXPIRED", "This invite was already used or has expired; ask for a new one.");
