import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { POST as drawNowRoute } from "@/app/api/admin/drops/[id]/draw/route";
import { POST as releaseRoute } from "@/app/api/claims/[claimId]/release/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { GET as drawRoute } from "@/app/api/drops/[id]/draw/route";
import { GET as drawEntriesRoute } from "@/app/api/drops/[id]/draw/entries/route";
import { POST as enterRoute } from "@/app/api/drops/[id]/entries/route";
import { GET as myEntryRoute } from "@/app/api/drops/[id]/entries/me/route";
import { GET as drawKeyRoute } from "@/app/api/draw-key/route";
import { GET as dropRoute } from "@/app/api/drops/[id]/route";
import { runVerifyDraw } from "@/scripts/verify-draw/cli";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDropMetrics } from "@/lib/admin/metrics";
import { flushAttemptCounts } from "@/lib/attempts/counts";
import { auditDrop } from "@/lib/claim/audit";
import { faults } from "@/lib/claim/faults";
import { releaseExpiredHolds } from "@/lib/claim/holds";
import { ONE_ATTEMPT_DEAD_MS, WRITER_DEAD_MS } from "@/lib/db/connect";
import { drawRound, roundTime } from "@/lib/draw/beacon";
import { verifyReceipt } from "@/lib/draw/receipt";
import { verifyDraw } from "@/lib/draw/verify-draw";
import { transitionDrop } from "@/lib/drop/admin-writes";
import { createDrop as createDropRecord } from "@/lib/drop/drops";
import { commitDraw } from "@/lib/entries/draw-item";
import { enter, pageEntryIds } from "@/lib/entries/entries";
import { fillOffers } from "@/lib/entries/offers";
import { runDraw } from "@/lib/entries/run-draw";
import { getDropState } from "@/lib/stock/reads";
import type { PublishedDraw, Receipt } from "@/lib/schemas/draw";
import type { MyEntry } from "@/lib/schemas/entry";
import type { Shopper } from "@/lib/schemas/claim";
import { recorded } from "../fixtures/published-draw";
import { drandRelay } from "./drand-relay";
import { adminToken, call, createDrop, mintShoppers, storedClaims } from "./helpers";

// Draw drops end to end through the route handlers: entering, the draw, winners' holds, the
// waitlist taking a unit back exactly once, and the beacon path against a recorded drand round.

const fixture = recorded;

// A drand relay on loopback that serves the recorded round (and quicknet's chain info).
drandRelay();
afterEach(() => {
  faults.afterTakeUnit = undefined;
});

const enterAs = (dropId: string, s: Shopper) => call(enterRoute, { params: { id: dropId }, token: s.token });
const mine = async (dropId: string, s: Shopper) =>
  (await call(myEntryRoute, { params: { id: dropId }, token: s.token })).body as unknown as MyEntry;
const published = async (dropId: string) =>
  (await call(drawRoute, { params: { id: dropId } })).body as unknown as PublishedDraw;

async function allEntryIds(dropId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(drawEntriesRoute, {
      params: { id: dropId },
      path: `/api/drops/${dropId}/draw/entries${cursor ? `?cursor=${cursor}` : ""}`,
    });
    ids.push(...(res.body.entryIds as string[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return ids;
}

/** The public draw routes on loopback, as a deployment serves them: what `npm run verify-draw` reads. */
async function servePublicRoutes(): Promise<{ url: string; close: () => Promise<void> }> {
  const routes: [RegExp, (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>][] = [
    [/^\/api\/drops\/([^/]+)\/draw\/entries$/, drawEntriesRoute],
    [/^\/api\/drops\/([^/]+)\/draw$/, drawRoute],
    [/^\/api\/drops\/([^/]+)$/, dropRoute],
    [/^\/api\/draw-key$/, drawKeyRoute],
  ];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = routes.map(([re, h]) => [url.pathname.match(re), h] as const).find(([m]) => m);
    if (!match) return void res.writeHead(404).end();
    const [m, handler] = match;
    const answer = await handler(new Request(url), { params: Promise.resolve({ id: m![1] ?? "" }) });
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A draw drop open for `openMs` more, with 3 units and 10-second holds. */
const drawDrop = (openMs: number) =>
  createDrop({
    mode: "draw",
    totalStock: 3,
    holdSeconds: 10,
    endsAt: new Date(Date.now() + openMs).toISOString(),
  });

const untilClosed = (endsAt: string) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(endsAt) - Date.now() + 50)));

const settled = (endsAt: string) => Date.parse(endsAt) + ONE_ATTEMPT_DEAD_MS + 1;

describe("draw drops", () => {
  it("entering: 201 then the same entry (200) with a receipt the draw key verifies; a claim is DRAW_ONLY; a first-come drop is NOT_A_DRAW", async () => {
    const drop = await drawDrop(60_000);
    expect(drop.mode).toBe("draw");
    const [s] = await mintShoppers(1);
    const first = await enterAs(drop.id, s!);
    expect(first.status).toBe(201);
    const again = await enterAs(drop.id, s!);
    expect(again.status).toBe(200);
    expect(again.body.entry).toEqual(first.body.entry);
    const key = (await call(drawKeyRoute, {})).body as { algorithm: string; publicKey: string };
    expect(key.algorithm).toBe("Ed25519");
    expect(verifyReceipt(key.publicKey, first.body.receipt as Receipt)).toBe(true);
    expect(
      verifyReceipt(key.publicKey, { ...(first.body.receipt as Receipt), entryId: "0".repeat(24) }),
    ).toBe(false);

    const claim = await call(claimRoute, { params: { id: drop.id }, token: s!.token });
    expect([claim.status, claim.body.error?.code]).toEqual([409, "DRAW_ONLY"]);
    const firstCome = await createDrop();
    const wrong = await enterAs(firstCome.id, s!);
    expect([wrong.status, wrong.body.error?.code]).toEqual([409, "NOT_A_DRAW"]);
    expect((await call(drawRoute, { params: { id: firstCome.id } })).body.error?.code).toBe("NOT_A_DRAW");

    const draw = await published(drop.id);
    expect(draw).toMatchObject({ status: "open", entryCount: 1 });
    expect(draw.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.seed).toBeUndefined();
    expect(draw.winners).toBeUndefined();
  });

  it("guards entering as a claim: a pow drop asks for the proof of work (428 CHALLENGE_REQUIRED) and writes nothing", async () => {
    const drop = await createDrop({ mode: "draw", botDefence: "pow" });
    const [s] = await mintShoppers(1);
    const res = await enterAs(drop.id, s!);
    expect([res.status, res.body.error?.code]).toEqual([428, "CHALLENGE_REQUIRED"]);
    expect((await published(drop.id)).entryCount).toBe(0);
  });

  it("refuses entries before the start (NOT_STARTED) and after the close (ENDED)", async () => {
    const [s] = await mintShoppers(1);
    const later = await createDrop({
      mode: "draw",
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 120_000).toISOString(),
    });
    expect((await enterAs(later.id, s!)).body.error?.code).toBe("NOT_STARTED");
    const closing = await drawDrop(300);
    await untilClosed(closing.endsAt);
    expect((await enterAs(closing.id, s!)).body.error?.code).toBe("ENDED");
  });

  it("draws 3 winners of 10, verifiably; a released hold goes to the waitlist's first, exactly once", async () => {
    const drop = await drawDrop(1_500);
    const shoppers = await mintShoppers(10);
    for (const s of shoppers) expect((await enterAs(drop.id, s)).status).toBe(201);
    expect((await enterAs(drop.id, shoppers[0]!)).status).toBe(200); // counted once
    // The admin's live view charts entries over time.
    await flushAttemptCounts({ all: true });
    const metrics = await getDropMetrics({ id: drop.id });
    expect(metrics.seriesOf).toBe("entries");
    expect(metrics.counts.ENTERED).toBe(10);
    expect(metrics.series.reduce((a, b) => a + b, 0)).toBe(10);
    // Not before the close (and the settling of entries that may still be landing).
    const early = await call(drawNowRoute, { params: { id: drop.id }, token: adminToken() });
    expect([early.status, early.body.error?.code]).toEqual([409, "DRAW_NOT_READY"]);
    await untilClosed(drop.endsAt);
    expect((await published(drop.id)).status).toBe("closed");
    await runDraw((await getDropState({ id: drop.id, consistent: true }))!, settled(drop.endsAt));
    // Two sweepers offering at once give each winner one hold.
    await Promise.all([fillOffers(drop.id, Date.now()), fillOffers(drop.id, Date.now())]);

    const draw = await published(drop.id);
    expect(draw.status).toBe("drawn");
    expect(draw.winners).toHaveLength(3);
    const entryIds = await allEntryIds(drop.id);
    expect(entryIds).toHaveLength(10);
    expect(await verifyDraw({ draw, entryIds, totalStock: 3, endsAt: drop.endsAt })).toEqual({ ok: true });

    // npm run verify-draw against the server's own routes: VERIFIED, and a receipt is genuine and listed.
    const site = await servePublicRoutes();
    try {
      const out: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
      expect(await runVerifyDraw(["--url", site.url, "--drop", drop.id], io)).toBe(0);
      expect(out[0]).toBe("VERIFIED");
      const receiptFile = join(mkdtempSync(join(tmpdir(), "receipt-")), "receipt.json");
      writeFileSync(receiptFile, JSON.stringify((await mine(drop.id, shoppers[0]!)).receipt));
      out.length = 0;
      expect(await runVerifyDraw(["--url", site.url, "--drop", drop.id, "--receipt", receiptFile], io)).toBe(
        0,
      );
      expect(out.join("\n")).toMatch(/genuine/i);
    } finally {
      await site.close();
    }

    const results = await Promise.all(shoppers.map((s) => mine(drop.id, s)));
    const winners = results.filter((r) => r.result === "won");
    expect(winners.map((w) => w.entry.id).sort()).toEqual([...draw.winners!].sort());
    expect(winners.every((w) => w.claim?.status === "held")).toBe(true);
    const places = results
      .filter((r) => r.result === "waitlist")
      .map((r) => r.waitlistPlace)
      .sort((a, b) => a! - b!);
    expect(places).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await getDropState({ id: drop.id, consistent: true }))!.remainingStock).toBe(0);

    // A winner gives the unit back: the first on the waitlist gets it, once, however many sweepers run.
    const giver = shoppers[results.indexOf(winners[0]!)]!;
    const released = await call(releaseRoute, {
      params: { claimId: winners[0]!.claim!.id },
      token: giver.token,
    });
    expect(released.status).toBe(200);
    await Promise.all([
      fillOffers(drop.id, Date.now()),
      fillOffers(drop.id, Date.now()),
      fillOffers(drop.id, Date.now()),
    ]);
    const next = shoppers[results.findIndex((r) => r.waitlistPlace === 1)]!;
    expect(await mine(drop.id, next)).toMatchObject({ result: "won", claim: { status: "held" } });
    const second = shoppers[results.findIndex((r) => r.waitlistPlace === 2)]!;
    expect(await mine(drop.id, second)).toMatchObject({ result: "waitlist", waitlistPlace: 1 });
    const held = (await storedClaims(drop.id)).filter((c) => c.status === "held");
    expect(held).toHaveLength(3);
    expect((await getDropState({ id: drop.id, consistent: true }))!.remainingStock).toBe(0);

    // An expired hold: the next in line, again once.
    expect(await releaseExpiredHolds({ dropId: drop.id, now: Date.now() + 11_000 })).toBe(3);
    await fillOffers(drop.id, Date.now());
    const after = await Promise.all(shoppers.map((s) => mine(drop.id, s)));
    expect(after.filter((r) => r.claim?.status === "held")).toHaveLength(3);
    expect(after.filter((r) => r.result === "won")).toHaveLength(7);
  });

  it("a crash between a winner's take and its hold: the unit is returned by reconciliation and that winner gets one hold", async () => {
    const drop = await drawDrop(1_000);
    const shoppers = await mintShoppers(4);
    for (const s of shoppers) await enterAs(drop.id, s);
    await untilClosed(drop.endsAt);
    await runDraw((await getDropState({ id: drop.id, consistent: true }))!, settled(drop.endsAt));
    faults.afterTakeUnit = () => {
      faults.afterTakeUnit = undefined;
      throw new Error("crash after the take");
    };
    await expect(fillOffers(drop.id, Date.now())).rejects.toThrow("crash after the take");
    await new Promise((resolve) => setTimeout(resolve, 200)); // the batch's other offers finish
    await fillOffers(drop.id, Date.now());
    expect(await storedClaims(drop.id)).toHaveLength(2);
    expect((await getDropState({ id: drop.id, consistent: true }))!.remainingStock).toBe(0);
    // Once no writer can be in flight, the audit returns the stranded unit; the next sweep offers it.
    const report = await auditDrop({ dropId: drop.id, now: Date.now() + WRITER_DEAD_MS + 1 });
    expect(report.returned).toBe(1);
    await fillOffers(drop.id, Date.now());
    const claims = await storedClaims(drop.id);
    expect(claims).toHaveLength(3);
    expect(new Set(claims.map((c) => c.shopperId)).size).toBe(3);
    const draw = await published(drop.id);
    const won = (await Promise.all(shoppers.map((s) => mine(drop.id, s)))).filter((r) => r.result === "won");
    expect(won.map((r) => r.entry.id).sort()).toEqual([...draw.winners!].sort());
    expect((await getDropState({ id: drop.id, consistent: true }))!.remainingStock).toBe(0);
  });

  it("an early End closes entries and the draw follows: its winners get their units", async () => {
    const drop = await drawDrop(60_000);
    const shoppers = await mintShoppers(4);
    for (const s of shoppers) await enterAs(drop.id, s);
    await transitionDrop({ id: drop.id, now: Date.now(), action: "end" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const state = (await getDropState({ id: drop.id, consistent: true }))!;
    expect(state.phase).toBe("ended");
    await runDraw(state, state.endsAt + ONE_ATTEMPT_DEAD_MS + 1);
    await fillOffers(drop.id, Date.now());
    const results = await Promise.all(shoppers.map((s) => mine(drop.id, s)));
    expect(results.filter((r) => r.result === "won" && r.claim?.status === "held")).toHaveLength(3);
    expect(results.filter((r) => r.result === "waitlist")).toHaveLength(1);
  });

  it("pages a draw's entries in ascending order, only those made before the close, none missed", async () => {
    const id = `pages${Date.now().toString(36)}`;
    const close = Date.now();
    const made = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        enter({ dropId: id, shopperId: `s${i}`, now: i % 4 === 0 ? close + 1_000 : close - 1_000 }),
      ),
    );
    const expected = made
      .filter(({ entry }) => Date.parse(entry.createdAt) < close)
      .map(({ entry }) => entry.id)
      .sort();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await pageEntryIds({ dropId: id, after: cursor, limit: 4, before: close });
      seen.push(...page.entryIds);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(45);
  });

  it("seeds the draw with the drand round fixed by its close, fetched and checked through drand-client", async () => {
    // A drop whose close is 30 s before the recorded round: written past the API (its window has passed).
    const endsAt = roundTime(fixture.round) - 30_000;
    expect(drawRound(endsAt)).toBe(fixture.round);
    const id = `beacon${Date.now().toString(36)}`;
    await commitDraw({ dropId: id, beacon: "quicknet" });
    await createDropRecord({
      id,
      input: {
        name: "Beacon draw",
        description: "",
        imageUrl: "",
        priceCents: 100,
        currency: "USD",
        totalStock: 2,
        maxPerShopper: 1,
        holdSeconds: 60,
        startsAt: new Date(endsAt - 60_000).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        draft: false,
        mode: "draw",
      },
    });
    for (const shopperId of ["a", "b", "c", "d", "e"])
      await enter({ dropId: id, shopperId, now: endsAt - 1_000 });
    await runDraw((await getDropState({ id, consistent: true }))!, roundTime(fixture.round) + 1);
    const draw = await published(id);
    expect(draw.beacon).toEqual({
      network: "quicknet",
      round: fixture.round,
      randomness: fixture.randomness,
      signature: fixture.signature,
    });
    const entryIds = await allEntryIds(id);
    expect(await verifyDraw({ draw, entryIds, totalStock: 2, endsAt })).toEqual({ ok: true });
    // A relay that serves another value for the round is refused by drand-client's check.
    expect(
      await verifyDraw({
        draw: { ...draw, beacon: { ...draw.beacon!, randomness: "00".repeat(32) } },
        entryIds,
        totalStock: 2,
        endsAt,
      }),
    ).toMatchObject({ ok: false });
  });
});
