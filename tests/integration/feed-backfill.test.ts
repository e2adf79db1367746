// A table from before feed entries (an upgraded deployment, an old `.data/`): its drops have none
// and it has no FEEDVERSION marker. The first sweep writes an entry for every drop of the
// catalogue, then the marker, so the feed, the storefronts and the sweeper see what they saw
// before; later sweeps do not read the catalogue again.
import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as storefrontRoute } from "@/app/api/brands/[slug]/route";
import { GET as dropsRoute } from "@/app/api/drops/route";
import { createBrand } from "@/lib/brand/brands";
import { sweep } from "@/lib/claim/sweep";
import { db, tableName } from "@/lib/db/client";
import { FEED_VERSION, keys } from "@/lib/db/table";
import type { Drop } from "@/lib/schemas/drop";
import { counting, writeDrops } from "./feed-helpers";
import { call, ownTable } from "./helpers";

ownTable("droprush-test-feed-backfill");
process.env.FEED_CACHE_MS = "0";

const HOUR = 3_600_000;
const feedIds = async () => (await call(dropsRoute, { path: "/api/drops" })).body.drops!.map((d) => d.id);
const storeIds = async (slug: string) =>
  (await call(storefrontRoute, { path: `/api/brands/${slug}`, params: { slug } })).body.drops!.map(
    (d) => d.id,
  );
const marker = async () =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.feedVersion(), ConsistentRead: true })))
    .Item;

/** Open drops as the feed orders them: by end, then id. */
const byEnd = (...drops: Drop[]) =>
  [...drops].sort((a, b) => a.endsAt.localeCompare(b.endsAt) || a.id.localeCompare(b.id));

let live: Drop, ended: Drop, unlisted: Drop, draft: Drop, branded: Drop, legacy: Drop;

beforeAll(async () => {
  const brand = await createBrand({ name: "Older", slug: "older-brand" });
  [live, ended, unlisted, draft, branded, legacy] = (await writeDrops([
    { endsIn: 2 * HOUR, lasts: 3 * HOUR },
    { endsIn: -3 * HOUR },
    { endsIn: 2 * HOUR, lasts: 3 * HOUR, listed: false },
    { endsIn: 5 * HOUR, lasts: HOUR, draft: true },
    { endsIn: 2 * HOUR, lasts: 3 * HOUR, brandId: brand.id },
    { endsIn: 4 * HOUR, lasts: 5 * HOUR },
  ])) as [Drop, Drop, Drop, Drop, Drop, Drop];
  // As the table was before: no entries, no marker, and one drop from before brands too.
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.dropInfo(legacy.id),
      UpdateExpression: "REMOVE brandId, gsi2pk, gsi2sk",
    }),
  );
  for (const d of [live, ended, unlisted, draft, branded, legacy])
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.feedEntry(d.id) }));
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.feedVersion() }));
});

describe("a table from before feed entries", () => {
  it("shows its drops again once the first sweep has written their entries, then never reads the catalogue", async () => {
    expect(await feedIds()).toEqual([]); // nothing indexed yet

    const first = await counting(() => sweep({ now: Date.now() }));
    expect(first.queries).toContain("gsi1 DROPS"); // the one read of the catalogue
    expect(first.result.drops).toBe(5); // live, ended, unlisted, branded, legacy: drafts are not swept
    expect(await marker()).toMatchObject({ version: FEED_VERSION, backfilled: 6 });

    expect(await feedIds()).toEqual([...byEnd(live, branded, legacy), ended].map((d) => d.id));
    expect(await storeIds("older-brand")).toEqual([branded.id]);
    expect(await storeIds("house")).toEqual([...byEnd(live, legacy), ended].map((d) => d.id));

    const second = await counting(() => sweep({ now: Date.now() }));
    expect(second.queries).not.toContain("gsi1 DROPS");
  });
});
