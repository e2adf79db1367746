// The claims list (cursor paging, CSV) and the live metrics (counts by outcome, units per second),
// and the rule behind them: counting attempts never writes the drop item.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as claimsRoute } from "@/app/api/admin/drops/[id]/claims/route";
import { GET as metricsRoute } from "@/app/api/admin/drops/[id]/metrics/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { CSV_HEADER } from "@/lib/admin/claims-page";
import { attemptBucketsSince, countAttempt, flushAttemptCounts } from "@/lib/attempts/counts";
import { getDropMetrics } from "@/lib/admin/metrics";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import type { Drop } from "@/lib/schemas/drop";
import type { AdminClaimsPage, DropMetrics } from "@/lib/schemas/drop-admin";
import {
  adminToken,
  call,
  createDrop,
  dropState,
  mintShopper,
  mintShoppers,
  scanTable,
  storedClaims,
  tally,
  ownTable,
} from "./helpers";

ownTable("droprush-test-admin-claims");

const claimAs = (s: Shopper, id: string) =>
  call(claimRoute, { path: `/api/drops/${id}/claims`, method: "POST", params: { id }, token: s.token });
const adminGet = async (handler: typeof claimsRoute, id: string, query: string) => {
  const res = await handler(
    new Request(`http://test/api/admin/drops/${id}${query}`, {
      headers: { authorization: `Bearer ${adminToken()}` },
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
};

let drop: Drop;
let claims: Claim[];
let raceCodes: Record<string, number>;

beforeAll(async () => {
  // 7 units, 12 shoppers racing, each trying twice (the second click is a replay, not counted).
  drop = await createDrop({ totalStock: 7, maxPerShopper: 1 });
  const shoppers = await mintShoppers(12);
  const first = await Promise.all(shoppers.map((s) => claimAs(s, drop.id)));
  const second = await Promise.all(shoppers.map((s) => claimAs(s, drop.id)));
  expect(first.filter((r) => r.status === 201)).toHaveLength(7);
  raceCodes = tally(
    [...first, ...second].map((r) =>
      r.status === 201 ? "CLAIMED" : r.status === 200 ? "replay" : String(r.body.error?.code),
    ),
  );
  claims = await storedClaims(drop.id);
});

describe("GET /api/admin/drops/{id}/claims", () => {
  it("pages through every claim once, oldest first, with an opaque cursor", async () => {
    const seen: Claim[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await adminGet(claimsRoute, drop.id, `/claims?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = JSON.parse(res.text) as AdminClaimsPage;
      expect(page.claims.length).toBeLessThanOrEqual(3);
      seen.push(...page.claims);
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.map((c) => c.id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(new Set(seen.map((c) => c.id)).size).toBe(7);
    const times = seen.map((c) => `${c.createdAt}#${c.id}`);
    expect(times).toEqual([...times].sort());
    for (const c of seen) expect(c).toMatchObject({ dropId: drop.id, status: "held" });
  });

  it("exports CSV: a header row, one RFC 4180 row per claim, UTF-8", async () => {
    const res = await adminGet(claimsRoute, drop.id, "/claims?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="claims-${drop.id}.csv"`);
    expect(res.text.endsWith("\r\n")).toBe(true);
    const rows = res.text.slice(0, -2).split("\r\n");
    expect(rows[0]).toBe(CSV_HEADER.join(","));
    expect(rows).toHaveLength(1 + 7);
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const row of rows.slice(1)) {
      const [id, dropId, shopperId, status, createdAt, holdExpiresAt] = row.split(",");
      expect(byId.get(id!)).toMatchObject({ dropId, shopperId, status, createdAt, holdExpiresAt });
      // No payment with payments off (tests/integration/refunds.test.ts has paid ones): the columns are empty.
      expect(row.split(",").slice(CSV_HEADER.indexOf("payment_status"))).toEqual(["", "", "", "", ""]);
    }
  });

  it("CSV of a drop with no claims is the header alone", async () => {
    const empty = await createDrop({ totalStock: 3 });
    const res = await adminGet(claimsRoute, empty.id, "/claims?format=csv");
    expect(res.text).toBe(`${CSV_HEADER.join(",")}\r\n`);
  });
});

describe("GET /api/admin/drops/{id}/metrics and the attempt counters", () => {
  it("counts claims and refusals by reason; the series adds up to the units claimed", async () => {
    const limited = await createDrop({ totalStock: 10, maxPerShopper: 2 });
    const soon = await createDrop({
      totalStock: 10,
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const [a, b] = [await mintShopper(), await mintShopper()];
    expect((await claimAs(a, limited.id)).status).toBe(201);
    expect((await claimAs(a, limited.id)).status).toBe(201);
    expect((await claimAs(a, limited.id)).body.error?.code).toBe("LIMIT_REACHED");
    expect((await claimAs(b, soon.id)).body.error?.code).toBe("NOT_STARTED");
    expect(
      (
        await call(pauseRoute, {
          path: `/api/admin/drops/${limited.id}/pause`,
          method: "POST",
          params: { id: limited.id },
          token: adminToken(),
        })
      ).status,
    ).toBe(200);
    expect((await claimAs(b, limited.id)).body.error?.code).toBe("PAUSED");
    expect((await claimAs(b, limited.id)).body.error?.code).toBe("PAUSED");
    await flushAttemptCounts({ all: true });

    const res = await adminGet(metricsRoute, limited.id, "/metrics");
    expect(res.status).toBe(200);
    const m = JSON.parse(res.text) as DropMetrics;
    expect(m).toMatchObject({
      dropId: limited.id,
      status: "paused",
      remainingStock: 8,
      totalStock: 10,
      sold: 2,
      bucketSeconds: 1,
    });
    expect(m.counts).toEqual({
      CLAIMED: 2,
      LIMIT_REACHED: 1,
      PAUSED: 2,
      SOLD_OUT: 0,
      NOT_STARTED: 0,
      ENDED: 0,
      TOO_MANY_EXPIRED_HOLDS: 0,
      RATE_LIMITED: 0,
      CHALLENGE_REQUIRED: 0,
      CHALLENGE_INVALID: 0,
      SOLVED: 0,
      CHALLENGES: 0,
      ENTERED: 0,
    });
    expect(m.series.reduce((s, v) => s + v, 0)).toBe(2);
    expect((await getDropMetrics({ id: soon.id })).counts).toMatchObject({ NOT_STARTED: 1, CLAIMED: 0 });

    // The race of the first drop: exactly what the 24 answers were; replays (200) are not counted.
    const race = await getDropMetrics({ id: drop.id });
    expect(raceCodes.CLAIMED).toBe(7);
    expect(race.counts).toMatchObject({ CLAIMED: 7, SOLD_OUT: raceCodes.SOLD_OUT ?? 0 });
    expect((raceCodes.SOLD_OUT ?? 0) + (raceCodes.replay ?? 0)).toBe(24 - 7);
    expect(race.status).toBe("sold_out");
  });

  it("keeps counting incrementally: later seconds add to what was already read", async () => {
    const d = await createDrop({ totalStock: 50 });
    const shoppers = await mintShoppers(6);
    for (const s of shoppers.slice(0, 3)) await claimAs(s, d.id);
    await flushAttemptCounts({ all: true });
    const now = Date.now();
    expect((await getDropMetrics({ id: d.id, now })).counts.CLAIMED).toBe(3);
    for (const s of shoppers.slice(3)) await claimAs(s, d.id);
    await flushAttemptCounts({ all: true });
    // Ten seconds on: the first buckets are folded into the settled aggregate, the new ones read.
    const later = await getDropMetrics({ id: d.id, now: now + 10_000 });
    expect(later.counts.CLAIMED).toBe(6);
    expect(later.series.reduce((s, v) => s + v, 0)).toBe(6);
    const again = await getDropMetrics({ id: d.id, now: now + 20_000 });
    expect(again.counts.CLAIMED).toBe(6); // settled seconds are counted once, not again
  });

  it("a flush of everything started while the timer's flush is under way still writes this second's counts", async () => {
    const d = await createDrop({ totalStock: 1 });
    const now = Date.now();
    countAttempt(d.id, "SOLD_OUT", now - 1_000); // a finished second: the timer's flush takes it
    countAttempt(d.id, "SOLD_OUT", now); // this second: only a flush of everything takes it
    const timers = flushAttemptCounts({ now });
    await flushAttemptCounts({ all: true, now });
    await timers;
    const buckets = await attemptBucketsSince(d.id, 0);
    expect(buckets.map((b) => [b.second, b.SOLD_OUT]).sort()).toEqual([
      [Math.floor(now / 1000) - 1, 1],
      [Math.floor(now / 1000), 1],
    ]);
  });

  it("counting attempts never writes the drop item: the counts live in ATTEMPTS# items of their own", async () => {
    const d = await createDrop({ totalStock: 1 });
    const [winner, ...losers] = await mintShoppers(8);
    expect((await claimAs(winner!, d.id)).status).toBe(201);
    const hot = await dropState(d.id);
    const results = await Promise.all(losers.map((s) => claimAs(s, d.id)));
    expect(results.map((r) => r.body.error?.code)).toEqual(losers.map(() => "SOLD_OUT"));
    await flushAttemptCounts({ all: true });
    expect(await dropState(d.id)).toEqual(hot); // seven refusals later: not one write on the hot item
    const items = (await scanTable()).filter((i) => String(i.pk).startsWith(`ATTEMPTS#${d.id}#`));
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.reduce((s, i) => s + ((i.SOLD_OUT as number) ?? 0), 0)).toBe(7);
    expect(items.reduce((s, i) => s + ((i.CLAIMED as number) ?? 0), 0)).toBe(1);
  });
});
