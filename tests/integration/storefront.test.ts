// A brand's storefront (GET /api/brands/{slug}, /brands/{slug}) pages its listed, published drops
// like the public feed: bounded reads whatever the brand (or any other brand) has made, older ended
// drops after a cursor, 400 for a malformed one, a short shared cache. The house brand's includes
// the drops from before brands without reading the catalogue.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as storefrontRoute } from "@/app/api/brands/[slug]/route";
import BrandPage from "@/app/brands/[slug]/page";
import { createBrand } from "@/lib/brand/brands";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { Brand } from "@/lib/schemas/brand";
import type { Drop } from "@/lib/schemas/drop";
import { counting, cursorOf, endedDaysAgo, walkPages, writeDrop, writeDrops } from "./feed-helpers";
import { adminToken, call, ownTable, type Called } from "./helpers";

ownTable("droprush-test-storefront");
process.env.FEED_CACHE_MS = "0"; // every request does its own reads

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const store = (slug: string, cursor?: string) =>
  call(storefrontRoute, {
    path: `/api/brands/${slug}${cursor === undefined ? "" : `?cursor=${cursor}`}`,
    params: { slug },
  });
const ids = (res: Called) => res.body.drops!.map((d) => d.id);
const endedIds = (res: Called) => res.body.drops!.filter((d) => d.status === "ended").map((d) => d.id);

let acme: Brand;
let live: Drop[];
let ended: Drop[];
let hidden: Drop[];
let others: Drop[];

beforeAll(async () => {
  acme = await createBrand({ name: "Acme", slug: "acme-store" });
  const other = await createBrand({ name: "Other", slug: "other-store" });
  live = await writeDrops([1, 2].map((h) => ({ endsIn: h * HOUR, lasts: 4 * HOUR, brandId: acme.id })));
  ended = await writeDrops(
    Array.from({ length: 40 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1), brandId: acme.id })),
  );
  hidden = await writeDrops([
    ...Array.from({ length: 5 }, () => ({ endsIn: DAY, listed: false, brandId: acme.id })),
    ...Array.from({ length: 3 }, () => ({ endsIn: 2 * DAY, lasts: DAY, draft: true, brandId: acme.id })),
  ]);
  // Another brand's catalogue, and the house brand's: none of it is Acme's to read.
  others = await writeDrops([
    ...Array.from({ length: 100 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1), brandId: other.id })),
    ...Array.from({ length: 100 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1) })),
  ]);
}, 120_000);

describe("GET /api/brands/{slug}", () => {
  it("reads the brand and a bounded page: its 2 open entries, 13 ended ones and the 14 drops shown", async () => {
    const { byOp, items, result } = await counting(() => store("acme-store"));
    expect(result.status).toBe(200);
    expect(result.body.brand).toEqual(acme);
    // The slug and the brand (two GetItems), two queries of the brand's feed index, one batch read.
    expect(byOp).toEqual({ GetItem: 2, Query: 2, BatchGetItem: 1 });
    expect(items).toBe(2 + 2 + 13 + 2 * 14);
    expect(ids(result)).toEqual([...live, ...ended.slice(0, 12)].map((d) => d.id));
    expect(result.body.nextCursor).toEqual(expect.any(String));
    const shown = new Set(ids(result));
    expect([...hidden, ...others].filter((d) => shown.has(d.id))).toEqual([]);
  });

  it("pages its past drops with a cursor, 12 a page, each once", async () => {
    const pages = await walkPages((cursor) => store("acme-store", cursor));
    expect(pages.map((p) => p.body.drops!.length)).toEqual([14, 12, 12, 4]);
    expect(pages.flatMap(endedIds)).toEqual(ended.map((d) => d.id));
    expect(pages.every((p) => p.body.brand !== undefined)).toBe(true);
  });

  it("a malformed cursor is 400 INVALID_REQUEST; a page may sit in a shared cache briefly", async () => {
    for (const cursor of ["%%%", cursorOf("2026-01-01T00:00:00.000Z"), cursorOf("nope#abc")]) {
      const res = await store("acme-store", cursor);
      expect([res.status, res.body.error?.code]).toEqual([400, "INVALID_REQUEST"]);
    }
    const res = await store("acme-store");
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=2, stale-while-revalidate=5");
  });

  it("an unlisted drop leaves the storefront's pages at once, and comes back in its place", async () => {
    const pages = () => walkPages((cursor) => store("acme-store", cursor));
    const before = await pages();
    const target = ended[15]!;
    expect(ids(before[1]!)).toContain(target.id); // on the second page
    const patch = (listed: boolean) =>
      call(patchRoute, { method: "PATCH", params: { id: target.id }, token: adminToken(), json: { listed } });
    expect((await patch(false)).status).toBe(200);
    const unlisted = await pages();
    expect(unlisted.flatMap(ids)).toEqual(before.flatMap(ids).filter((id) => id !== target.id));
    expect(unlisted[1]!.body.drops).toHaveLength(12); // filled from the next page
    expect((await patch(true)).status).toBe(200);
    expect((await pages()).map(ids)).toEqual(before.map(ids));
  });

  it("the house brand's has the drops from before brands, with the same bounded reads", async () => {
    const legacy = await writeDrop({ endsIn: 5 * HOUR, lasts: 6 * HOUR, name: "From before brands" });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.dropInfo(legacy.id),
        UpdateExpression: "REMOVE brandId, gsi2pk, gsi2sk",
      }),
    );
    const { byOp, items, result } = await counting(() => store("house"));
    expect(ids(result)).toContain(legacy.id);
    expect(result.body.drops!.find((d) => d.id === legacy.id)?.brandId).toBe("house");
    expect(byOp).toEqual({ GetItem: 1, Query: 2, BatchGetItem: 1 }); // no slug item: the house brand is built in
    expect(items).toBe(1 + 13 + 2 * 13);
  });
});

describe("/brands/{slug}", () => {
  it("renders the first page, with Older drops under Past drops, and never another brand's drop", async () => {
    const html = renderToString(await BrandPage({ params: Promise.resolve({ slug: "acme-store" }) }));
    for (const d of [...live, ...ended.slice(0, 12)]) expect(html).toContain(`href="/drops/${d.id}"`);
    for (const d of [...hidden, ...others, ...ended.slice(12)]) expect(html).not.toContain(d.id);
    expect(html).toContain(">Older drops</button>");
  });
});
