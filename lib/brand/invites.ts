import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { safeEqual } from "@/lib/security/crypto";
import { getBrand } from "@/lib/brand/brands";
import { getMemberItem, memberByEmail, alreadyMember } from "@/lib/brand/members";
import { queryAll, table } from "@/lib/db/client";
import { isRefused } from "@/lib/db/conditional";
import { createdSortKey, inList, leaveIndex, listQuery, lists } from "@/lib/db/lists";
import { indexes, keys, ttlAt } from "@/lib/db/table";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendInvite } from "@/lib/mail/invite";
import type { Invite, MadeBy, Role } from "@/lib/schemas/brand";

// Invites: INVITE#<id>. The token "<id>_<secret>" goes by mail to the invited email only; the item
// keeps the sha-256 of the secret, the brand, email and role, who invited, and the expiry, and is on
// gsi1 "INVITES#<brandId>" while pending. An invite is as good as its inviter: once they are no
// longer an owner of the brand it is refused (410). Acceptance: lib/brand/accept-invite.ts.

export const INVITE_HOURS = 72;

export type InviteItem = Invite & {
  secretHash: string;
  expiresAtMs: number;
  usedAt?: string;
  revokedAt?: string;
  /** The account that took it (set with usedAt); joinedAt once its membership is written. */
  acceptedBy?: string;
  joinedAt?: string;
};

const TOKEN = /^([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;
const digest = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export const inviteUrl = (token: string) => `${appUrl()}/invites/${token}`;

/**
 * Invites `email` to `brandId` with `role` and mails them the link. 409 ALREADY_MEMBER when they
 * are a member of this brand already; nothing tells whether the email has an account elsewhere.
 * Returns the token too, for the server's own use (the dev server's demo invite): never send it to
 * the inviter.
 */
export async function createInvite({
  brandId,
  email,
  role,
  invitedBy,
  now = Date.now(),
}: {
  brandId: string;
  email: string;
  role: Role;
  invitedBy: MadeBy;
  now?: number;
}): Promise<{ invite: Invite; token: string }> {
  if (await memberByEmail({ brandId, email })) throw alreadyMember();
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const createdAt = new Date(now).toISOString();
  const expiresAtMs = now + INVITE_HOURS * 3_600_000;
  const invite: Invite = {
    id,
    brandId,
    email,
    role,
    createdAt,
    expiresAt: new Date(expiresAtMs).toISOString(),
    invitedBy,
  };
  await table.put({
    Item: {
      ...keys.invite(id),
      ...invite,
      secretHash: digest(secret),
      expiresAtMs,
      ...inList(lists.invitesOf(brandId), createdSortKey(createdAt, id)),
      ttl: ttlAt(expiresAtMs) + 7 * 86_400,
    },
    ConditionExpression: "attribute_not_exists(pk)",
  });
  const token = `${id}_${secret}`;
  const brand = await getBrand({ id: brandId });
  try {
    const url = inviteUrl(token);
    await sendInvite({
      to: email,
      brandName: brand?.name ?? brandId,
      role,
      url,
      expiresAt: invite.expiresAt,
    });
  } catch (err) {
    console.error("Invite mail not sent", err);
    await revokeInvite({ brandId, inviteId: id, now });
    throw new AppError("UNAVAILABLE", "The invite mail could not be sent. Please try again.", undefined, {
      "Retry-After": "5",
    });
  }
  return { invite, token };
}

const toInvite = (i: Record<string, unknown>): Invite => ({
  id: i.id as string,
  brandId: i.brandId as string,
  email: i.email as string,
  role: i.role as Role,
  createdAt: i.createdAt as string,
  expiresAt: i.expiresAt as string,
  invitedBy: i.invitedBy as MadeBy,
});

/** The brand's invites not yet used, revoked or expired, oldest first. */
export async function listInvites({ brandId, now = Date.now() }: { brandId: string; now?: number }) {
  const items = await queryAll({
    ...listQuery(lists.invitesOf(brandId)),
  });
  return items.filter((i) => (i.expiresAtMs as number) > now).map(toInvite);
}

/**
 * Revokes a pending invite of `brandId`: 404 for anyone else's or an unknown one, 410 once used.
 * Revoking it again changes nothing.
 */
export async function revokeInvite({
  brandId,
  inviteId,
  now = Date.now(),
}: {
  brandId: string;
  inviteId: string;
  now?: number;
}): Promise<void> {
  try {
    await table.update({
      Key: keys.invite(inviteId),
      UpdateExpression: `SET revokedAt = if_not_exists(revokedAt, :now) REMOVE ${leaveIndex(indexes.byParent)}`,
      // This brand's, and not taken: an acceptance and a revocation never both win.
      ConditionExpression: "brandId = :brand AND attribute_not_exists(usedAt)",
      ExpressionAttributeValues: { ":now": new Date(now).toISOString(), ":brand": brandId },
    });
  } catch (err) {
    if (!isRefused(err)) throw err;
    const item = await getInviteItem(inviteId);
    if (!item || item.brandId !== brandId) throw new AppError("NOT_FOUND", "No such invite.");
    throw inviteEnded("This invite was already used.");
  }
}

/** Revokes every pending invite `memberId` made in `brandId` (when they leave it). */
export async function revokeInvitesBy({ brandId, memberId }: { brandId: string; memberId: string }) {
  const theirs = (await listInvites({ brandId, now: 0 })).filter(
    (i) => i.invitedBy.kind === "member" && i.invitedBy.id === memberId,
  );
  for (const i of theirs) {
    await revokeInvite({ brandId, inviteId: i.id }).catch((err: unknown) => {
      if (!(err instanceof AppError)) throw err; // taken meanwhile: nothing left to revoke
    });
  }
}

async function getInviteItem(id: string): Promise<InviteItem | undefined> {
  const { Item } = await table.get({ Key: keys.invite(id), ConsistentRead: true });
  return Item as InviteItem | undefined;
}

/** The invite a token names, or 404 (unknown, malformed, or a wrong secret: the same answer). */
export async function inviteByToken(token: string): Promise<InviteItem> {
  const m = token.match(TOKEN);
  const item = m ? await getInviteItem(m[1]!) : undefined;
  if (!item || !safeEqual(digest(m![2]!), item.secretHash))
    throw new AppError("NOT_FOUND", "No such invite.");
  return item;
}

export type InviteState = "pending" | "used" | "expired" | "revoked" | "inviterGone";

/**
 * Whether an invite can still be accepted. An invite is only as good as its inviter: a member who
 * made it must still be an owner of the brand, so a removed owner's saved invite lets nobody in.
 */
export async function inviteState(item: InviteItem, now = Date.now()): Promise<InviteState> {
  if (item.revokedAt !== undefined) return "revoked";
  if (item.joinedAt !== undefined) return "used";
  if (item.expiresAtMs <= now) return "expired";
  if (item.invitedBy.kind === "member") {
    const inviter = await getMemberItem({ id: item.invitedBy.id ?? "" });
    if (inviter?.brandId !== item.brandId || inviter.role !== "owner") return "inviterGone";
  }
  // Taken but not yet joined: an acceptance stopped half way, which the same account may finish.
  return "pending";
}

export const inviteEnded = (
  message = "This invite was already used, was withdrawn or has expired; ask for a new one.",
) => new AppError("INVITE_EXPIRED", message);
