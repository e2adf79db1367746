import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { safeEqual } from "@/lib/security/crypto";
import type { Principal } from "@/lib/brand/principal";
import { queryAll, table } from "@/lib/db/client";
import { ignoreRefusal, writeIf } from "@/lib/db/conditional";
import { createdSortKey, inList, listQuery, lists } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { AppError } from "@/lib/errors";
import type { MadeBy, Role } from "@/lib/schemas/brand";

// Brand API tokens: "drb_<id>_<secret>", shown once. APITOKEN#<id> keeps the sha-256 of the secret
// (32 random bytes: a fast hash is enough for a secret nobody chose), the role, revokedAt and
// lastUsedAt. Each use is one consistent read, so a revoked token stops at once; lastUsedAt is
// written at most once a minute per token, so automation does not turn every request into a write.
const TOKEN = /^drb_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;
const TOUCH_MS = 60_000;

export type ApiToken = {
  id: string;
  brandId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Who made it: its tokens are revoked when that member leaves the brand. */
  createdBy: MadeBy;
};

const digest = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export const looksLikeApiToken = (token: string) => token.startsWith("drb_");

export async function createApiToken({
  brandId,
  name,
  role,
  createdBy,
  now = Date.now(),
}: {
  brandId: string;
  name: string;
  role: Role;
  createdBy: MadeBy;
  now?: number;
}): Promise<{ id: string; token: string }> {
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const createdAt = new Date(now).toISOString();
  await table.put({
    Item: {
      ...keys.apiToken(id),
      id,
      brandId,
      name,
      role,
      secretHash: digest(secret),
      createdAt,
      createdBy,
      ...inList(lists.apiTokensOf(brandId), createdSortKey(createdAt, id)),
    },
    ConditionExpression: "attribute_not_exists(pk)",
  });
  return { id, token: `drb_${id}_${secret}` };
}

/** The principal of a valid, unrevoked token; undefined for anything else. */
export async function verifyApiToken(token: string, now = Date.now()): Promise<Principal | undefined> {
  const m = token.match(TOKEN);
  if (!m) return undefined;
  const [, id = "", secret = ""] = m;
  const { Item } = await table.get({ Key: keys.apiToken(id), ConsistentRead: true });
  if (!Item || Item.revokedAt !== undefined || !safeEqual(digest(secret), Item.secretHash as string)) {
    return undefined;
  }
  await touch(id, now);
  return { kind: "apiToken", tokenId: id, brandId: Item.brandId as string, role: Item.role as Role };
}

async function touch(id: string, now: number) {
  await table
    .update({
      Key: keys.apiToken(id),
      UpdateExpression: "SET lastUsedAt = :now",
      // At most once a minute, and never on a revoked token.
      ConditionExpression:
        "attribute_exists(pk) AND attribute_not_exists(revokedAt) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)",
      ExpressionAttributeValues: {
        ":now": new Date(now).toISOString(),
        ":before": new Date(now - TOUCH_MS).toISOString(),
      },
    })
    .catch(ignoreRefusal);
}

/** Revokes a token of `brandId` (404 for anyone else's); idempotent for a token already revoked. */
export async function revokeApiToken({
  brandId,
  id,
  now = Date.now(),
}: {
  brandId: string;
  id: string;
  now?: number;
}) {
  const written = await writeIf(
    table.update({
      Key: keys.apiToken(id),
      UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :now)",
      ConditionExpression: "brandId = :brand", // exists, and is this brand's
      ExpressionAttributeValues: { ":now": new Date(now).toISOString(), ":brand": brandId },
    }),
  );
  if (!written.applied) throw new AppError("NOT_FOUND", "No such token.");
}

export async function listApiTokens({ brandId }: { brandId: string }): Promise<ApiToken[]> {
  const items = await queryAll({
    ...listQuery(lists.apiTokensOf(brandId)),
  });
  return items.map((i) => ({
    id: i.id as string,
    brandId: i.brandId as string,
    name: i.name as string,
    role: i.role as Role,
    createdAt: i.createdAt as string,
    lastUsedAt: (i.lastUsedAt as string | undefined) ?? null,
    revokedAt: (i.revokedAt as string | undefined) ?? null,
    // Tokens from before makers were recorded: the operator's as far as removals go.
    createdBy: (i.createdBy as MadeBy | undefined) ?? { kind: "operator" },
  }));
}

/** Revokes every live token `memberId` made in `brandId` (when they leave it). */
export async function revokeApiTokensBy({ brandId, memberId }: { brandId: string; memberId: string }) {
  const theirs = (await listApiTokens({ brandId })).filter(
    (t) => t.revokedAt === null && t.createdBy.kind === "member" && t.createdBy.id === memberId,
  );
  for (const t of theirs) await revokeApiToken({ brandId, id: t.id });
}
