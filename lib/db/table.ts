import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

// Every key in the single table. Each entity has its own partition key, so the drop item
// (the only hot write) is alone in its partition; lists go through sparse GSIs.
export const keys = {
  /** Hot: stock, window and phase. Small on purpose (one write unit per claim). */
  drop: (dropId: string) => ({ pk: `DROP#${dropId}` }),
  /**
   * Hot: stock shard n ≥ 1 of a drop with `stockShards` > 1 (shard 0 is the drop item itself). Each
   * has its own partition, its share of the stock and a copy of the window and phase, so a claim's
   * one conditional write on any shard enforces them (lib/stock/shards.ts).
   */
  dropShard: (dropId: string, shard: number) => ({ pk: `DROP#${dropId}#S${shard}` }),
  /** Cold: catalogue fields (name, description, price). Never written on the claim path. */
  dropInfo: (dropId: string) => ({ pk: `DROPINFO#${dropId}` }),
  /**
   * A drop's feed entry (lib/drop/feed-entries.ts): its end, brand, listed and published, and the
   * sparse index keys that follow from them (`feedIndexKeys`). Small; written by admin writes only.
   */
  feedEntry: (dropId: string) => ({ pk: `FEED#${dropId}` }),
  /** Marks a table whose every drop has its feed entry (`FEED_VERSION`): written once, by a backfill or at creation. */
  feedVersion: () => ({ pk: "FEEDVERSION" }),
  /** One per (drop, shopper): how many units the shopper holds; enforces maxPerShopper. */
  slot: (dropId: string, shopperId: string) => ({ pk: `SLOT#${dropId}#${shopperId}` }),
  /** One per (drop, shopper, Idempotency-Key): which claim that key already produced. */
  idempotency: (dropId: string, shopperId: string, key: string) => ({
    pk: `IDEM#${dropId}#${shopperId}#${key}`,
  }),
  claim: (claimId: string) => ({ pk: `CLAIM#${claimId}` }),
  /** Which shopper checked out a unit of a drop with an email (sha-256 of it, normalised). */
  orderEmail: (dropId: string, emailHash: string) => ({ pk: `ORDEREMAIL#${dropId}#${emailHash}` }),
  /** Requests of one address under one limit in one window (lib/security/rate-limit.ts). */
  rateLimit: (limit: string, address: string, windowStart: number) => ({
    pk: `RATE#${limit}#${address}#${windowStart}`,
  }),
  /** A spent proof-of-work challenge (lib/security/pow.ts): which request used it. */
  powUsed: (challenge: string) => ({ pk: `POW#${challenge}` }),
  /** Which shard a sharded drop's removal of units (one admin write id) takes them from. */
  restockPlan: (dropId: string, writeId: string) => ({ pk: `RESTOCKPLAN#${dropId}#${writeId}` }),
  /** An order number, taken once (lib/claim/order-number.ts): which claim it belongs to. */
  orderNumber: (orderNumber: string) => ({ pk: `ORDERNO#${orderNumber}` }),
  /** The sweeper's automatic returns of stranded units on one drop (lib/claim/audit.ts). */
  autoReturns: (dropId: string) => ({ pk: `AUTORETURNS#${dropId}` }),
  /** A signed-out admin session (by the cookie's nonce): its cookie is refused even if copied. */
  adminSignOut: (nonce: string) => ({ pk: `ADMINSIGNOUT#${nonce}` }),
  /** Claim attempts of one drop in one second, counted by one server process (lib/attempts/counts.ts). */
  attempts: (dropId: string, second: number, writer: string) => ({
    pk: `ATTEMPTS#${dropId}#${second}#${writer}`,
  }),
  /** A brand (tenant): name, slug; gsi1 `BRANDS` lists them (lib/brand/brands.ts). */
  brand: (brandId: string) => ({ pk: `BRAND#${brandId}` }),
  /** A slug taken by one brand: a conditional put before the brand item, so slugs are unique. */
  brandSlug: (slug: string) => ({ pk: `BRANDSLUG#${slug}` }),
  /** A person who signs in: email, name, password hash. One per email; a member of any number of brands. */
  account: (accountId: string) => ({ pk: `ACCOUNT#${accountId}` }),
  /** An email taken by one account (normalised): which account signs in with it. */
  accountEmail: (email: string) => ({ pk: `ACCOUNTEMAIL#${email}` }),
  /** An account's membership of one brand: role; gsi1 `MEMBERS#<brandId>`, gsi2 `ACCOUNTMEMBERS#<accountId>`. */
  member: (memberId: string) => ({ pk: `MEMBER#${memberId}` }),
  /**
   * Before accounts, an email belonged to one member, whose item held the password hash: read only
   * to adopt such a member as an account (lib/brand/legacy-members.ts).
   */
  legacyMemberEmail: (email: string) => ({ pk: `MEMBEREMAIL#${email}` }),
  /** An invite (hash of its secret, inviter, role); gsi1 `INVITES#<brandId>` while pending. */
  invite: (inviteId: string) => ({ pk: `INVITE#${inviteId}` }),
  /** A brand API token (hash of its secret, role, revokedAt, lastUsedAt); gsi1 `APITOKENS#<brandId>`. */
  apiToken: (tokenId: string) => ({ pk: `APITOKEN#${tokenId}` }),
  /** One event of a brand's activity log; gsi1 `ACTIVITY#<brandId>`, gsi2 `DROPACTIVITY#<dropId>`. */
  activity: (eventId: string) => ({ pk: `ACTIVITY#${eventId}` }),
};

/**
 * DynamoDB TTL (epoch seconds) on short-lived items: idempotency keys (a week past their drop's
 * end) and admin sign-out records (their session's expiry). It only keeps the table small: it
 * deletes days late, and dynalite not at all, so nothing relies on it.
 */
export const ttlAttribute = "ttl";
export const ttlAt = (ms: number) => Math.ceil(ms / 1000);

export const indexes = {
  /**
   * gsi1: drop catalogue (pk "DROPS"), the public feed (pk "FEED"), a drop's claims by time
   * (pk "CLAIMS#<dropId>") and attempt counts.
   */
  byParent: { name: "gsi1", pk: "gsi1pk", sk: "gsi1sk" },
  /**
   * gsi2: a shopper's claims (pk "SHOPPER#<shopperId>", sk "<dropId>#<createdAt>"); a brand's drops
   * (pk "BRANDDROPS#<brandId>") and its storefront (pk "BRANDFEED#<brandId>").
   */
  byShopper: { name: "gsi2", pk: "gsi2pk", sk: "gsi2sk" },
  /**
   * gsi3: live holds only (the attributes are removed when a hold ends), by deadline; and every
   * drop's feed entry by its end (pk "DROPENDS"): the sweeper's open and recently ended drops.
   */
  holds: { name: "gsi3", pk: "gsi3pk", sk: "gsi3sk" },
} as const;

export const parents = {
  drops: "DROPS",
  claimsOf: (dropId: string) => `CLAIMS#${dropId}`,
  shopper: (shopperId: string) => `SHOPPER#${shopperId}`,
  /** gsi1: a drop's per-second attempt counts (sk "<epoch second, 11 digits>#<writer>"). */
  attemptsOf: (dropId: string) => `ATTEMPTS#${dropId}`,
  holdsOf: (dropId: string) => `HOLDS#${dropId}`,
  /** gsi1 on FEED#: the public feed, listed published drops only (sk "<endsAt ISO>#<dropId>"). */
  feed: "FEED",
  /** gsi2 on FEED#: one brand's public drops (sk as gsi1's). */
  brandFeed: (brandId: string) => `BRANDFEED#${brandId}`,
  /** gsi3 on FEED#: every drop, drafts and unlisted ones too, by its end (sk as gsi1's). */
  dropEnds: "DROPENDS",
  /** gsi1: every brand (sk "<createdAt>#<brandId>"). */
  brands: "BRANDS",
  /** gsi2 on DROPINFO#: one brand's drops, so a brand's list is a query (sk "<createdAt>#<dropId>"). */
  brandDrops: (brandId: string) => `BRANDDROPS#${brandId}`,
  /** gsi1: a brand's members (sk "<email>"). */
  membersOf: (brandId: string) => `MEMBERS#${brandId}`,
  /** gsi2: an account's memberships (sk "<brandId>"). */
  membershipsOf: (accountId: string) => `ACCOUNTMEMBERS#${accountId}`,
  /** gsi1: a brand's pending invites (sk "<createdAt>#<inviteId>"); removed once used or revoked. */
  invitesOf: (brandId: string) => `INVITES#${brandId}`,
  /** gsi1: a brand's API tokens (sk "<createdAt>#<tokenId>"). */
  apiTokensOf: (brandId: string) => `APITOKENS#${brandId}`,
  /** gsi1: a brand's activity log, newest first (sk "<at>#<eventId>"). */
  activityOf: (brandId: string) => `ACTIVITY#${brandId}`,
  /** gsi2: one drop's activity, newest first (sk "<at>#<eventId>"). */
  dropActivity: (dropId: string) => `DROPACTIVITY#${dropId}`,
};

/**
 * The index attributes of a won claim, built here only: a drop's claims by time (gsi1), a shopper's
 * claims per drop (gsi2), and, while the hold is live, the drop's holds by deadline (gsi3).
 */
export const claimIndexKeys = {
  of: (c: { id: string; dropId: string; shopperId: string; createdAt: string; holdExpiresAt: string }) => ({
    gsi1pk: parents.claimsOf(c.dropId),
    gsi1sk: claimIndexKeys.byTime(c.createdAt, c.id),
    gsi2pk: parents.shopper(c.shopperId),
    gsi2sk: `${claimIndexKeys.shopperDrop(c.dropId)}${c.createdAt}`,
    gsi3pk: parents.holdsOf(c.dropId), // removed when the hold ends
    gsi3sk: `${c.holdExpiresAt}#${c.id}`,
  }),
  /** gsi1 sort key: "<createdAt>#<claimId>". */
  byTime: (createdAt: string, claimId: string) => `${createdAt}#${claimId}`,
  /** Parses a gsi1 sort key (e.g. from a client's cursor); undefined unless it has exactly that shape. */
  parseByTime(sortKey: string): { createdAt: string; claimId: string } | undefined {
    const match = sortKey.match(
      /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)#([A-Za-z0-9_-]{8,64})$/,
    );
    return match ? { createdAt: match[1]!, claimId: match[2]! } : undefined;
  },
  /** gsi2 sort-key prefix of one drop's claims of a shopper. */
  shopperDrop: (dropId: string) => `${dropId}#`,
};

/**
 * The version of the feed entries' shape: a table whose `keys.feedVersion()` item holds it has an
 * entry for every drop. A new table is born with it (lib/db/connect.ts ensureTable); a table from
 * before gets its entries from one backfill (lib/drop/feed-entries.ts).
 */
export const FEED_VERSION = 1;

/**
 * The index attributes of a drop's feed entry, built here only: every drop by its end (gsi3, the
 * sweeper's), and only while it is listed and published, the public feed (gsi1) and its brand's
 * storefront (gsi2). Absent attributes keep it out of an index: the feed never reads the others.
 */
export const feedIndexKeys = {
  of: (e: { dropId: string; brandId: string; endsAt: number; listed: boolean; published: boolean }) => {
    const sk = feedIndexKeys.byEnd(e.endsAt, e.dropId);
    return {
      ...(e.listed && e.published
        ? { gsi1pk: parents.feed, gsi1sk: sk, gsi2pk: parents.brandFeed(e.brandId), gsi2sk: sk }
        : {}),
      gsi3pk: parents.dropEnds,
      gsi3sk: sk,
    };
  },
  /** Sort key "<endsAt ISO>#<dropId>"; `feedIndexKeys.at(ms)` is the bound of a range by time alone. */
  byEnd: (endsAt: number, dropId: string) => `${feedIndexKeys.at(endsAt)}#${dropId}`,
  at: (ms: number) => new Date(ms).toISOString(),
  /** Parses a sort key (e.g. from a client's cursor); undefined unless it has exactly that shape. */
  parseByEnd(sortKey: string): { endsAt: number; dropId: string } | undefined {
    const match = sortKey.match(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#([a-z0-9][a-z0-9-]{0,63})$/);
    const endsAt = match ? Date.parse(match[1]!) : NaN;
    // A real instant, written back the same way (no 2026-02-31 rolled over into March).
    if (!match || Number.isNaN(endsAt) || feedIndexKeys.at(endsAt) !== match[1]) return undefined;
    return { endsAt, dropId: match[2]! };
  },
};

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const gsi = ({ name, pk, sk }: { name: string; pk: string; sk: string }) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: pk, KeyType: "HASH" as const },
      { AttributeName: sk, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "ALL" as const },
  });
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      ...Object.values(indexes).flatMap(({ pk, sk }) => [
        { AttributeName: pk, AttributeType: "S" as const },
        { AttributeName: sk, AttributeType: "S" as const },
      ]),
    ],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    GlobalSecondaryIndexes: Object.values(indexes).map(gsi),
  };
}
