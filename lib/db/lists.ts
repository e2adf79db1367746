import { indexes, type Index } from "@/lib/db/table";

// Every list the app reads: the items of one parent in one index, ordered by their sort key. Built
// here only, with the sort keys and the index attribute names, so a room says which list it reads
// or joins and never how an index spells it.

/** A list: which index holds it, and its partition in that index. */
export type List = { index: Index; parent: string };
const list = (index: Index, parent: string): List => ({ index, parent });
const { byParent, byOwner, byDeadline } = indexes;

export const lists = {
  /** The drop catalogue (sk `createdSortKey`). */
  drops: () => list(byParent, "DROPS"),
  /** A drop's claims by time (sk `claimIndexKeys.byTime`). */
  claimsOf: (dropId: string) => list(byParent, `CLAIMS#${dropId}`),
  /** A shopper's claims (sk "<dropId>#<createdAt>"). */
  shopper: (shopperId: string) => list(byOwner, `SHOPPER#${shopperId}`),
  /** A drop's per-second attempt counts (sk `attemptSortKey`). */
  attemptsOf: (dropId: string) => list(byParent, `ATTEMPTS#${dropId}`),
  /**
   * A drop's live holds with no payment under way, by deadline (sk "<holdExpiresAt>#<claimId>"); a
   * hold leaves it when it ends, or for `paidHoldsOf` when checkout gives it a payment.
   */
  holdsOf: (dropId: string) => list(byDeadline, `HOLDS#${dropId}`),
  /**
   * A drop's live holds with a payment (sk as `holdsOf`): the reconciler reads these alone, never
   * the thousands of unpaid holds a sell-out leaves. A hold whose payment is let go moves back.
   */
  paidHoldsOf: (dropId: string) => list(byDeadline, `PAIDHOLDS#${dropId}`),
  /**
   * A drop's claims by when their unit was last given back (sk `claimIndexKeys.ended`): a hold's end,
   * an order refunded back on sale. Written with the claim's own write, before the unit's return, so
   * the sweeper learns from a query of the last minute's that a quiet drop may have a unit stranded.
   */
  endedOf: (dropId: string) => list(byDeadline, `ENDED#${dropId}`),
  /** The public feed: listed, published drops only (sk `feedIndexKeys.byEnd`). */
  feed: () => list(byParent, "FEED"),
  /** One brand's public drops (sk as the feed's). */
  brandFeed: (brandId: string) => list(byOwner, `BRANDFEED#${brandId}`),
  /** Every drop, drafts and unlisted ones too, by its end (sk as the feed's): the sweeper's. */
  dropEnds: () => list(byDeadline, "DROPENDS"),
  /** Every brand (sk `createdSortKey`). */
  brands: () => list(byParent, "BRANDS"),
  /** One brand's drops (sk `createdSortKey`). */
  brandDrops: (brandId: string) => list(byOwner, `BRANDDROPS#${brandId}`),
  /** A brand's members (sk their email). */
  membersOf: (brandId: string) => list(byParent, `MEMBERS#${brandId}`),
  /** An account's memberships (sk the brand's id). */
  membershipsOf: (accountId: string) => list(byOwner, `ACCOUNTMEMBERS#${accountId}`),
  /** A brand's pending invites (sk `createdSortKey`); an invite leaves it once used or revoked. */
  invitesOf: (brandId: string) => list(byParent, `INVITES#${brandId}`),
  /** A brand's API tokens (sk `createdSortKey`). */
  apiTokensOf: (brandId: string) => list(byParent, `APITOKENS#${brandId}`),
  /** A brand's activity log (sk "<at>#<eventId>"). */
  activityOf: (brandId: string) => list(byParent, `ACTIVITY#${brandId}`),
  /** One part of a draw drop's entries (sk the entry id): entries are spread over parts by id. */
  entriesOf: (dropId: string, part: number) => list(byParent, `ENTRIES#${dropId}#${part}`),
  /** A draw drop's entries whose card is being authorised (sk the entry's id); each leaves it once entered or lapsed. */
  entryAuthsOf: (dropId: string) => list(byParent, `ENTRYAUTHS#${dropId}`),
  /** One part of a drop's waiting line (sk `queueSortKey`): tickets spread over parts by id. */
  queueOf: (dropId: string, part: number) => list(byParent, `QUEUE#${dropId}#${part}`),
  /** One drop's activity (sk as the brand's). */
  dropActivity: (dropId: string) => list(byOwner, `DROPACTIVITY#${dropId}`),
};

/** Sort key of items listed in the order they were made: "<createdAt ISO>#<id>". */
export const createdSortKey = (createdAt: string, id: string) => `${createdAt}#${id}`;

/** Parses a `createdSortKey` (e.g. from a client's cursor) whose id matches `id`; undefined unless it has exactly that shape. */
export function parseCreatedSortKey(
  sortKey: string,
  id: RegExp,
): { createdAt: string; id: string } | undefined {
  const match = sortKey.match(
    new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)#(${id.source})$`),
  );
  return match ? { createdAt: match[1]!, id: match[2]! } : undefined;
}

/** Sort key of a ticket in its drop's line: "<joinedAt ISO>#<ticketId>", the order of arrival. */
export const queueSortKey = (joinedAt: string, ticketId: string) => `${joinedAt}#${ticketId}`;

/** Sort key of an attempt count: "<epoch second, 11 digits>#<writer>" (a bare second bounds a range). */
export const attemptSortKey = (second: number, writer = "") =>
  `${String(second).padStart(11, "0")}${writer ? `#${writer}` : ""}`;

/** The attributes that put an item in `l` at `sortKey` (spread into the item). */
export const inList = (l: List, sortKey: string): Record<string, string> => ({
  [l.index.pk]: l.parent,
  [l.index.sk]: sortKey,
});

/** For an UpdateExpression: `SET ${clause}` with `values` puts the item in `l` at `sortKey`. */
export const setInList = (l: List, sortKey: string) => ({
  clause: `${l.index.pk} = :listParent, ${l.index.sk} = :listSortKey`,
  values: { ":listParent": l.parent, ":listSortKey": sortKey },
});

/**
 * For an UpdateExpression: `SET ${clause}` with `values` moves an item to `l`, at the sort key it has
 * in `l`'s index. An item in no list of that index (no sort key) stays out: the index is sparse.
 */
export const moveToList = (l: List) => ({
  clause: `${l.index.pk} = :listParent`,
  values: { ":listParent": l.parent },
});

/** For an UpdateExpression: `REMOVE ${leaveIndex(i)}` takes the item out of every list of index `i`. */
export const leaveIndex = (i: Index) => `${i.pk}, ${i.sk}`;

type Range = { op: "=" | "<" | "<=" | ">" | ">="; sortKey: string } | { prefix: string };

/**
 * The part of a Query that reads `l`, all of it or the sort keys in `range`: spread it into the
 * input (it owns `IndexName`, `KeyConditionExpression`, `ExpressionAttributeValues`).
 */
export function listQuery(l: List, range?: Range) {
  const { index } = l;
  const bound = !range
    ? ""
    : "prefix" in range
      ? ` AND begins_with(${index.sk}, :sortKey)`
      : ` AND ${index.sk} ${range.op} :sortKey`;
  return {
    IndexName: index.name,
    KeyConditionExpression: `${index.pk} = :parent${bound}`,
    ExpressionAttributeValues: {
      ":parent": l.parent,
      ...(range ? { ":sortKey": "prefix" in range ? range.prefix : range.sortKey } : {}),
    },
  };
}

/** The sort key of an item read from `l`, or of a page's LastEvaluatedKey (a cursor). */
export const sortKeyIn = (l: List, item: Record<string, unknown> | undefined) => {
  const sk = item?.[l.index.sk];
  return typeof sk === "string" ? sk : undefined;
};

/** The ExclusiveStartKey that resumes `l` after the item with `key` and `sortKey`. */
export const startAfter = (l: List, key: { pk: string }, sortKey: string) => ({
  ...key,
  ...inList(l, sortKey),
});

/**
 * The lists a won claim is in: its drop's claims by time, its shopper's claims per drop, and, while
 * the hold is live, its drop's holds by deadline, paid or not; once its unit goes back, its drop's
 * ended claims instead (a checkout leaves gsi3 with `REMOVE ${leaveIndex(indexes.byDeadline)}`).
 */
export const claimIndexKeys = {
  of: (
    c: { id: string; dropId: string; shopperId: string; createdAt: string; holdExpiresAt: string },
    paid = false,
  ) => ({
    ...inList(lists.claimsOf(c.dropId), claimIndexKeys.byTime(c.createdAt, c.id)),
    ...inList(lists.shopper(c.shopperId), `${claimIndexKeys.shopperDrop(c.dropId)}${c.createdAt}`),
    ...inList(claimIndexKeys.holds(c.dropId, paid), claimIndexKeys.byDeadline(c.holdExpiresAt, c.id)),
  }),
  /** Which list of live holds a hold is in: with a payment under way or not. */
  holds: (dropId: string, paid: boolean) => (paid ? lists.paidHoldsOf(dropId) : lists.holdsOf(dropId)),
  /** Sort key in a drop's ended claims: "<ISO time the unit was given back>#<claimId>". */
  ended: (at: number, claimId: string) => `${new Date(at).toISOString()}#${claimId}`,
  /** Sort key in a drop's live holds: "<holdExpiresAt>#<claimId>". */
  byDeadline: (holdExpiresAt: string, claimId: string) => `${holdExpiresAt}#${claimId}`,
  /** Sort key in a drop's claims: "<createdAt>#<claimId>". */
  byTime: (createdAt: string, claimId: string) => `${createdAt}#${claimId}`,
  /** Parses a `byTime` sort key (e.g. from a client's cursor); undefined unless it has exactly that shape. */
  parseByTime(sortKey: string): { createdAt: string; claimId: string } | undefined {
    const match = sortKey.match(
      /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)#([A-Za-z0-9_-]{8,64})$/,
    );
    return match ? { createdAt: match[1]!, claimId: match[2]! } : undefined;
  },
  /** Sort-key prefix of one drop's claims in a shopper's list. */
  shopperDrop: (dropId: string) => `${dropId}#`,
};

/**
 * The lists a drop's feed entry is in: every drop by its end (the sweeper's), and only while it is
 * listed and published, the public feed and its brand's storefront. Absent attributes keep it out
 * of an index: the feed never reads the others.
 */
export const feedIndexKeys = {
  of: (e: { dropId: string; brandId: string; endsAt: number; listed: boolean; published: boolean }) => {
    const sk = feedIndexKeys.byEnd(e.endsAt, e.dropId);
    return {
      ...(e.listed && e.published
        ? { ...inList(lists.feed(), sk), ...inList(lists.brandFeed(e.brandId), sk) }
        : {}),
      ...inList(lists.dropEnds(), sk),
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
