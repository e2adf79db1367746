// The public feed (GET /api/drops, the home page) reads listed, published drops only, from an index
// by end, in pages of bounded size: with 300 drops that are not on show (ended, unlisted, drafts)
// and 3 live ones, a page reads the same few items whatever the catalogue holds; older ended drops
// come a page at a time after an opaque cursor, and a malformed cursor is a 400. Admin writes move
// a drop at once: publish, end, a new window, listed on and off.
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as endRoute } from "@/app/api/admin/drops/[id]/end/route";
import { POST as publishRoute } from "@/app/api/admin/drops/[id]/publish/route";
import { PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as dropsRoute } from "@/app/api/drops/route";
import HomePage from "@/app/page";
import type { Drop } from "@/lib/schemas/drop";
import { counting, cursorOf, endedDaysAgo, walkPages, writeDrops } from "./feed-helpers";
import { adminToken, call, createDrop, ownTable, type Called } from "./helpers";

ownTable("droprush-test-feed");
// Every request here does its own reads (the per-server cache has its own test, feed-cache.test.ts).
process.env.FEED_CACHE_MS = "0";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const feed = (cursor?: string) =>
  call(dropsRoute, { path: `/api/drops${cursor === undefined ? "" : `?cursor=${cursor}`}` });
const ids = (res: Called) => res.body.drops!.map((d) => d.id);
const endedIds = (res: Called) => res.body.drops!.filter((d) => d.status === "ended").map((d) => d.id);
const admin = (route: typeof endRoute, id: string) =>
  call(route, { params: { id }, token: adminToken(), path: `/api/admin/drops/${id}` });
const patch = (id: string, json: unknown) =>
  call(patchRoute, { method: "PATCH", params: { id }, token: adminToken(), json });

let live: Drop[];
/** Listed and ended, the most recently ended first (1 to 150 days ago). */
let ended: Drop[];
/** Not on show: unlisted (live or ended) and drafts. */
let hidden: Drop[];

beforeAll(async () => {
  live = await writeDrops([1, 2, 3].map((h) => ({ endsIn: h * HOUR, lasts: 4 * HOUR, name: `Live ${h}` })));
  ended = await writeDrops(Array.from({ length: 150 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1) })));
  hidden = await writeDrops([
    ...Array.from({ length: 50 }, () => ({ endsIn: DAY, listed: false })),
    ...Array.from({ length: 50 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1), listed: false })),
    ...Array.from({ length: 50 }, () => ({ endsIn: 3 * DAY, lasts: DAY, draft: true })),
  ]);
}, 120_000);

describe("GET /api/drops with 300 drops not on show and 3 live ones", () => {
  it("reads a bounded number of items: the 3 open entries, 13 ended ones, and the 15 drops shown", async () => {
    const { calls, items, byOp, result } = await counting(() => feed());
    expect(result.status).toBe(200);
    // Two queries of the feed's index (open from now on; ended before now, one more than a page)
    // and one batch read of the drops shown (info and state): not the catalogue of 303 drops.
    expect(byOp).toEqual({ Query: 2, BatchGetItem: 1 });
    expect(calls).toBe(3);
    expect(items).toBe(3 + 13 + 2 * 15);
    expect(JSON.stringify(result.body).length).toBeLessThan(15_000);
  });

  it("answers the listed, published drops only: the live ones and the 12 latest ended, never the rest", async () => {
    const res = await feed();
    expect(ids(res)).toEqual([...live, ...ended.slice(0, 12)].map((d) => d.id)); // open by end, then ended
    expect(res.body.drops!.map((d) => d.status)).toEqual([
      ...live.map(() => "live"),
      ...Array(12).fill("ended"),
    ]);
    const shown = new Set(ids(res));
    expect(hidden.filter((d) => shown.has(d.id))).toEqual([]); // no unlisted drop, no draft
    expect(shown.has(ended.at(-1)!.id)).toBe(false); // nor one that ended long ago
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it("pages the past drops with a cursor: 12 a page, the latest end first, each once, to the last", async () => {
    const pages = await walkPages(feed);
    expect(pages.map((p) => p.body.drops!.length)).toEqual([15, ...Array(11).fill(12), 6]);
    expect(pages.flatMap(endedIds)).toEqual(ended.map((d) => d.id));
    expect(pages.at(-1)!.body.nextCursor).toBeNull();
    // An older page reads its own 13 entries and 12 drops, however deep it is.
    const { byOp, items } = await counting(() => feed(pages[9]!.body.nextCursor as string));
    expect(byOp).toEqual({ Query: 1, BatchGetItem: 1 });
    expect(items).toBe(13 + 2 * 12);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "!!!"],
    ["too long", "A".repeat(201)],
    ["base64url of junk", cursorOf("junk")],
    ["no drop id", cursorOf("2026-01-01T00:00:00.000Z")],
    ["an impossible date", cursorOf("2026-02-31T00:00:00.000Z#abc123")],
    ["a date without milliseconds", cursorOf("2026-01-01T00:00:00Z#abc123")],
    ["a drop id that is not one", cursorOf("2026-01-01T00:00:00.000Z#NOT_AN_ID")],
    ["another index's key", cursorOf("CLAIMS#abc123#2026-01-01T00:00:00.000Z")],
    ["padded base64", `${cursorOf("2026-01-01T00:00:00.000Z#abc123")}=`],
    ["a trailing NUL", cursorOf("2026-01-01T00:00:00.000Z#abc123\u0000")],
  ])("a malformed cursor (%s) is 400 INVALID_REQUEST, never a 500, and reads nothing", async (_, cursor) => {
    const { calls, result } = await counting(() => feed(encodeURIComponent(cursor)));
    expect([result.status, result.body.error?.code]).toEqual([400, "INVALID_REQUEST"]);
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(calls).toBe(0);
  });

  it("lets a shared cache keep a page: s-maxage, short on the first page (stock on cards), longer on older ones", async () => {
    const first = await feed();
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=2, stale-while-revalidate=5",
    );
    const older = await feed(first.body.nextCursor as string);
    expect(older.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=30, stale-while-revalidate=30",
    );
  });
});

describe("the home page", () => {
  it("renders the first page from the same bounded reads, with Older drops under Past drops", async () => {
    const { byOp, items, result: html } = await counting(async () => renderToString(await HomePage()));
    expect(byOp).toEqual({ Query: 2, BatchGetItem: 1 });
    expect(items).toBe(3 + 13 + 2 * 15);
    for (const d of [...live, ...ended.slice(0, 12)]) expect(html).toContain(`href="/drops/${d.id}"`);
    for (const d of [...hidden, ...ended.slice(12)]) expect(html).not.toContain(d.id);
    expect(html).toContain(">Past drops</h2>");
    expect(html).toContain(">Older drops</button>");
    expect(html.length).toBeLessThan(120_000);
  });
});

describe("admin writes move a drop in the feed at once", () => {
  it("published, it is among the open drops; ended early, it tops the past drops and the 12th moves to page 2", async () => {
    const drop = await createDrop({ draft: true });
    expect(ids(await feed())).not.toContain(drop.id);
    expect((await admin(publishRoute, drop.id)).status).toBe(200);
    const published = await feed();
    expect(published.body.drops!.find((d) => d.id === drop.id)?.status).toBe("live");
    expect(endedIds(published)).toEqual(ended.slice(0, 12).map((d) => d.id));

    expect((await admin(endRoute, drop.id)).status).toBe(200);
    const first = await feed();
    expect(endedIds(first)).toEqual([drop.id, ...ended.slice(0, 11).map((d) => d.id)]);
    const second = await feed(first.body.nextCursor as string);
    expect(endedIds(second)[0]).toBe(ended[11]!.id);
  });

  it("a new window moves it among the open drops, by its end", async () => {
    const now = Date.now();
    const later = await createDrop({ startsAt: iso(now + HOUR), endsAt: iso(now + 11 * DAY) });
    const sooner = await createDrop({ startsAt: iso(now + HOUR), endsAt: iso(now + 10 * DAY) });
    const order = async () => ids(await feed()).filter((id) => id === later.id || id === sooner.id);
    expect(await order()).toEqual([sooner.id, later.id]);
    const res = await patch(sooner.id, { startsAt: iso(now + HOUR), endsAt: iso(now + 12 * DAY) });
    expect(res.status).toBe(200);
    expect(await order()).toEqual([later.id, sooner.id]);
  });

  it("unlisted, it leaves every page (the next ones move up); listed again, it is back in its place", async () => {
    const before = await walkPages(feed);
    const target = ended[20]!;
    expect(endedIds(before[1]!)).toContain(target.id); // on the second page
    expect((await patch(target.id, { listed: false })).status).toBe(200);
    const unlisted = await walkPages(feed);
    expect(unlisted.flatMap(endedIds)).toEqual(before.flatMap(endedIds).filter((id) => id !== target.id));
    expect(unlisted[1]!.body.drops).toHaveLength(12); // filled from the third page
    expect((await patch(target.id, { listed: true })).status).toBe(200);
    expect((await walkPages(feed)).map(endedIds)).toEqual(before.map(endedIds));
  });
});
