// The sweeper reads only drops open or ended in the last day (their feed entries by end), listed
// or not, whatever the catalogue holds; and it heals a feed entry that a crash between an admin
// write and its entry left stale.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as dropsRoute } from "@/app/api/drops/route";
import { sweep } from "@/lib/claim/sweep";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import type { Drop } from "@/lib/schemas/drop";
import { counting, endedDaysAgo, writeDrops } from "./feed-helpers";
import { call, createDrop, ownTable } from "./helpers";

ownTable("droprush-test-sweep-window"); // the sweeper reconciles every drop of the table it sees
process.env.FEED_CACHE_MS = "0";

const HOUR = 3_600_000;
const feedIds = async () => (await call(dropsRoute, { path: "/api/drops" })).body.drops!.map((d) => d.id);

let open: Drop[];

beforeAll(async () => {
  open = await writeDrops([
    { endsIn: 2 * HOUR, lasts: 3 * HOUR }, // live
    { endsIn: 2 * HOUR, lasts: 3 * HOUR, listed: false }, // live, unlisted: swept all the same
    { endsIn: -2 * HOUR }, // ended two hours ago: still reconciled
  ]);
  await writeDrops([
    ...Array.from({ length: 100 }, (_, i) => ({ endsIn: endedDaysAgo(i + 2) })),
    ...Array.from({ length: 100 }, (_, i) => ({ endsIn: endedDaysAgo(i + 2), listed: false })),
  ]);
}, 120_000);

describe("the sweeper", () => {
  it("reads the 3 drops open or ended in the last day, not the 200 that ended before", async () => {
    const { items, queries, result } = await counting(() => sweep({ now: Date.now() }));
    expect(result.drops).toBe(3);
    // One query of the entries by end from a day ago (3 items), one batch read of those 3 drops (6),
    // then each one's holds and audit (its state read consistently, its claims: none): 16 items
    // here, where the catalogue's 203 drops were 406 and more.
    expect(queries.filter((q) => !q.includes("CLAIMS#") && !q.includes("HOLDS#"))).toEqual(["gsi3 DROPENDS"]);
    expect(items).toBeLessThanOrEqual(20);
    expect(open).toHaveLength(3);
  });

  it("heals an entry a crash left stale: a publish, and a listing, whose entry was never rewritten", async () => {
    // The hot write of a publish landed; the process died before it rewrote the drop's entry.
    const published = await createDrop({ draft: true });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.drop(published.id),
        UpdateExpression: "SET phase = :active",
        ExpressionAttributeValues: { ":active": "active" },
      }),
    );
    // An edit that listed a drop landed on its info item; the entry was never rewritten.
    const listed = await createDrop({ listed: false });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.dropInfo(listed.id),
        UpdateExpression: "SET listed = :yes",
        ExpressionAttributeValues: { ":yes": true },
      }),
    );
    expect(await feedIds()).not.toContain(published.id); // until the sweeper comes by
    expect(await feedIds()).not.toContain(listed.id);
    await sweep({ now: Date.now() });
    expect(await feedIds()).toEqual(expect.arrayContaining([published.id, listed.id]));
  });
});
