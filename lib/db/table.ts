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
   * sparse index keys that follow from them (`feedIndexKeys`, lib/db/lists.ts). Small; written by admin writes only.
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
  /** A shopper's entry in a draw drop (lib/entries): its id and time; gsi1 `ENTRIES#<dropId>#<n>` by id. */
  entry: (dropId: string, shopperId: string) => ({ pk: `ENTRY#${dropId}#${shopperId}` }),
  /**
   * A paid entry under way (lib/entries/paid-entry.ts): its entry id, claim id, payment and order
   * until the card is authorised and the entry written; gsi1 `ENTRYAUTHS#<dropId>` meanwhile.
   */
  entryAuth: (dropId: string, shopperId: string) => ({ pk: `ENTRYAUTH#${dropId}#${shopperId}` }),
  /** One of a draw drop's entry counters (lib/entries/entry-count.ts): entries spread over a few items. */
  entryCount: (dropId: string, shard: number) => ({ pk: `ENTRYCOUNT#${dropId}#${shard}` }),
  /** A draw drop's draw: the secret seed until drawn, then the result and how far the waitlist got. */
  draw: (dropId: string) => ({ pk: `DRAW#${dropId}` }),
  /** Part n of a draw's ranking: entry ids in ranked order (lib/entries/ranking.ts). */
  drawRanking: (dropId: string, part: number) => ({ pk: `DRAWRANK#${dropId}#${part}` }),
  /**
   * A shopper's ticket in a drop's waiting room (lib/queue/tickets.ts): its id and join time; gsi1
   * `QUEUE#<dropId>#<n>` (n the id's first hex digit) by "<joinedAt>#<ticketId>". Never on the drop's partition.
   */
  queueTicket: (dropId: string, shopperId: string) => ({ pk: `QTICKET#${dropId}#${shopperId}` }),
  /** A waiting room's admission record (lib/queue/admission-state.ts): the rate's changes and pauses, by admins only. */
  queueState: (dropId: string) => ({ pk: `QUEUESTATE#${dropId}` }),
  /** A waiting room's committed seed for the pre-queue's shuffle (lib/queue/seed.ts). */
  queueSeed: (dropId: string) => ({ pk: `QUEUESEED#${dropId}` }),
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
  /** A hold's payment (lib/payments/payments.ts): provider, its payment id, amount, status. One per claim. */
  payment: (claimId: string) => ({ pk: `PAY#${claimId}` }),
  /** A payment provider's webhook event, recorded once it is applied (lib/payments/events.ts). */
  paymentEvent: (eventId: string) => ({ pk: `PAYEVENT#${eventId}` }),
  /**
   * A payment at the `local` provider (lib/payments/local.ts): what Stripe would keep for a
   * PaymentIntent, kept in the app's table so every instance and a restarted one see it.
   */
  localPayment: (paymentId: string) => ({ pk: `LOCALPI#${paymentId}` }),
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

/**
 * The three sparse GSIs, named for what they order by; which list lives in which is lib/db/lists.ts.
 * An item is in an index only while it has both attributes.
 */
export const indexes = {
  /** gsi1: lists under a parent (the catalogue, the feed, a drop's claims, a brand's members…). */
  byParent: { name: "gsi1", pk: "gsi1pk", sk: "gsi1sk" },
  /** gsi2: what one owner has (a shopper's claims, a brand's drops and storefront, an account's brands). */
  byOwner: { name: "gsi2", pk: "gsi2pk", sk: "gsi2sk" },
  /** gsi3: items by when they end (live holds by deadline, ended claims, every drop by its end). */
  byDeadline: { name: "gsi3", pk: "gsi3pk", sk: "gsi3sk" },
} as const;
export type Index = (typeof indexes)[keyof typeof indexes];

/**
 * The version of the feed entries' shape: a table whose `keys.feedVersion()` item holds it has an
 * entry for every drop. A new table is born with it (lib/db/connect.ts ensureTable); a table from
 * before gets its entries from one backfill (lib/drop/feed-entries.ts).
 */
export const FEED_VERSION = 1;

/**
 * The table as CreateTable takes it: ensureTable (lib/db/connect.ts) creates it locally, and infra/
 * builds the deployed one from it (tests/unit/infra.test.ts holds the template to it).
 */
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
