// Each server keeps a page of the feed for FEED_CACHE_MS (1 s by default): many anonymous hits at
// once cost one load, and an admin write on this server is in its very next answer.
import { describe, expect, it } from "vitest";
import { PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as dropsRoute } from "@/app/api/drops/route";
import { counting, endedDaysAgo, writeDrops } from "./feed-helpers";
import { adminToken, call, ownTable } from "./helpers";

ownTable("droprush-test-feed-cache");

const HOUR = 3_600_000;
const feed = () => call(dropsRoute, { path: "/api/drops" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the feed's per-server cache", () => {
  it("50 hits at once cost one load (two queries, one batch read); the next second's hits one more", async () => {
    await writeDrops([
      ...[1, 2, 3].map((h) => ({ endsIn: h * HOUR, lasts: 4 * HOUR })),
      ...Array.from({ length: 20 }, (_, i) => ({ endsIn: endedDaysAgo(i + 1) })),
    ]);
    const burst = await counting(() => Promise.all(Array.from({ length: 50 }, () => feed())));
    expect(burst.result.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(burst.result.map((r) => r.body.drops!.length)).toEqual(Array(50).fill(15));
    expect(burst.byOp).toEqual({ Query: 2, BatchGetItem: 1 });
    expect((await counting(() => feed())).calls).toBe(0); // still within the second

    await sleep(1100);
    const later = await counting(() => Promise.all(Array.from({ length: 20 }, () => feed())));
    expect(later.byOp).toEqual({ Query: 2, BatchGetItem: 1 });
  });

  it("an admin write on this server is in its next answer: the page is loaded again", async () => {
    const [drop] = await writeDrops([{ endsIn: 5 * HOUR, lasts: 6 * HOUR }]);
    expect((await feed()).body.drops!.map((d) => d.id)).toContain(drop!.id);
    const res = await call(patchRoute, {
      method: "PATCH",
      params: { id: drop!.id },
      token: adminToken(),
      json: { listed: false },
    });
    expect(res.status).toBe(200);
    const next = await counting(() => feed());
    expect(next.byOp).toEqual({ Query: 2, BatchGetItem: 1 });
    expect(next.result.body.drops!.map((d) => d.id)).not.toContain(drop!.id);
  });
});
