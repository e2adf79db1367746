import "server-only";
import { table } from "@/lib/db/client";
import { feedIndexKeys, listQuery, lists, sortKeyIn } from "@/lib/db/lists";
import { isListed, readDrops, toDrop, type StoredDrop } from "@/lib/drop/drop-reads";
import { PAST_DROPS_SHOWN } from "@/lib/drop/feed";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { FeedPage } from "@/lib/schemas/drop";

// The public feed (home page, GET /api/drops) and a brand's storefront, read from the feed entries'
// index (lib/drop/feed-entries.ts), never the catalogue: unlisted drops and drafts are not in it,
// and a page reads a bounded number of entries whatever the catalogue holds. The first page is
// the open drops (ending now or later, soonest first, at most OPEN_DROPS_SHOWN) and the 12 most
// recently ended; each later page the next 12 ended ones, from an opaque cursor. Then one batch
// read of those drops' info and state (the stock on the cards).

/** Open drops (live, paused, coming up, sold out but not ended) on the first page, soonest end first. */
export const OPEN_DROPS_SHOWN = 48;

type Loaded = { drops: StoredDrop[]; nextCursor: string | null };

/**
 * A page of listed, published drops: the whole feed's, or one brand's. `cursor` (a previous page's
 * `nextCursor`) asks for older ended drops; a malformed one is 400 INVALID_REQUEST. Statuses are
 * as of `now`; the stock is at most FEED_CACHE_MS old (one load per page per server in that time).
 */
export async function loadFeedPage({
  brandId,
  cursor,
  now = Date.now(),
}: {
  brandId?: string;
  cursor?: string;
  now?: number;
}): Promise<FeedPage> {
  const before = cursor === undefined ? undefined : parseCursor(cursor);
  const key = `${brandId ?? "*"} ${cursor ?? ""}`;
  let hit = pages.get(key);
  if (!hit || now - hit.at >= env().FEED_CACHE_MS || now < hit.at) {
    const entry = { at: now, value: readPage({ brandId, before, now }) };
    pages.set(key, entry);
    entry.value.catch(() => pages.get(key) === entry && pages.delete(key)); // never cache a failure
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
    hit = entry;
  }
  const { drops, nextCursor } = await hit.value;
  return { drops: drops.map((d) => toDrop(d.info, d.state, now)), nextCursor };
}

// In-process cache: many anonymous hits on one page within FEED_CACHE_MS share one load.
const MAX_PAGES = 1000;
const pages = new Map<string, { at: number; value: Promise<Loaded> }>();

/** Called when this process writes a feed entry, so its own next read is fresh. */
export function invalidateFeed(): void {
  pages.clear();
}

async function readPage({
  brandId,
  before,
  now,
}: {
  brandId?: string;
  before?: string;
  now: number;
}): Promise<Loaded> {
  const list = brandId === undefined ? lists.feed() : lists.brandFeed(brandId);
  const query = (op: ">=" | "<", bound: string, limit: number) =>
    table
      .query({
        ...listQuery(list, { op, sortKey: bound }),
        // Entries by end: open ones from now on, ascending; ended ones before a bound, newest first.
        ProjectionExpression: `dropId, ${list.index.sk}`,
        ScanIndexForward: op === ">=",
        Limit: limit,
      })
      .then((r) => r.Items ?? []);
  const nowKey = feedIndexKeys.at(now);
  const [open, ended] = await Promise.all([
    before === undefined ? query(">=", nowKey, OPEN_DROPS_SHOWN) : [],
    // One more than a page, to know whether an older page exists.
    query("<", before !== undefined && before < nowKey ? before : nowKey, PAST_DROPS_SHOWN + 1),
  ]);
  const shown = ended.slice(0, PAST_DROPS_SHOWN);
  const last = sortKeyIn(list, shown.at(-1));
  const nextCursor =
    ended.length > PAST_DROPS_SHOWN && typeof last === "string"
      ? Buffer.from(last).toString("base64url")
      : null;
  const drops = await readDrops([...open, ...shown].map((e) => e.dropId as string));
  // The entry placed it; the drop itself decides whether it is shown (a stale entry never shows more).
  return { drops: drops.filter((d) => isListed(d.info) && d.state.phase !== "draft"), nextCursor };
}

/** A cursor is a sort key of the feed's index, base64url-encoded: checked, never trusted. */
function parseCursor(cursor: string): string {
  const sortKey = Buffer.from(cursor, "base64url").toString("utf8");
  const parsed = feedIndexKeys.parseByEnd(sortKey);
  if (!parsed || Buffer.from(sortKey).toString("base64url") !== cursor)
    throw new AppError("INVALID_REQUEST", "The cursor is not valid; start again from the first page.");
  return sortKey;
}

/**
 * A shared cache (a CDN) may keep a page briefly: the first page, whose cards show stock, two
 * seconds (as the stock poll's one, plus a few stale while it reloads); an older page of ended
 * drops half a minute.
 */
export const feedCacheHeaders = (cursor: string | undefined) => ({
  "Cache-Control":
    cursor === undefined
      ? "public, max-age=0, s-maxage=2, stale-while-revalidate=5"
      : "public, max-age=0, s-maxage=30, stale-while-revalidate=30",
});
