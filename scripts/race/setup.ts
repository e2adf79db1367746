// Before the race: shoppers, the drop, and the server's clock (the start is the server's, not ours).
import type { Drop, Stock } from "@/lib/schemas/drop";
import type { Shopper } from "@/lib/schemas/claim";
import { pool } from "@/lib/race/plan";
import { errorCode, sleep, type HttpClient, type HttpResult } from "./http-pool";
import type { Progress } from "./progress";

class SetupError extends Error {}

function describe(what: string, r: HttpResult): SetupError {
  const why =
    r.status === 0 ? r.error : `HTTP ${r.status}${errorCode(r.body) ? ` ${errorCode(r.body)}` : ""}`;
  return new SetupError(`${what} failed: ${why}`);
}

const WARMING_WAIT_MS = 60_000;

/** The deployment answers; a local server still warming up (503 WARMING_UP) is waited for. */
export async function checkHealth(http: HttpClient): Promise<void> {
  const giveUpAt = Date.now() + WARMING_WAIT_MS;
  for (;;) {
    const r = await http.request("GET", "/api/health");
    if (r.status === 200) return;
    if (errorCode(r.body) !== "WARMING_UP" || Date.now() > giveUpAt) throw describe("GET /api/health", r);
    await sleep(500);
  }
}

/** Rehearsal shoppers when `adminToken` is given (not counted against a guest's per-address limit). */
export async function mintShoppers(
  http: HttpClient,
  count: number,
  concurrency: number,
  progress: Progress,
  adminToken?: string,
): Promise<Shopper[]> {
  progress.phase("shoppers", count);
  const shoppers = await pool(Array.from({ length: count }), concurrency, async () => {
    const r = await http.request("POST", "/api/shoppers", { json: {}, token: adminToken });
    progress.tick();
    if (r.status !== 201) throw describe("POST /api/shoppers", r);
    return r.body as Shopper;
  });
  progress.done();
  return shoppers;
}

export async function createRaceDrop(
  http: HttpClient,
  {
    adminToken,
    stock,
    maxPerShopper,
    startsAt,
    stockShards,
    name = `Race ${new Date(startsAt).toISOString()}`,
    description = "Created by npm run race.",
    priceCents = 0,
  }: {
    adminToken: string;
    stock: number;
    maxPerShopper: number;
    startsAt: number;
    stockShards?: number;
    name?: string;
    description?: string;
    /** Free unless given: races never check out; a payments smoke test does. */
    priceCents?: number;
  },
): Promise<Drop> {
  const input = {
    name,
    description,
    priceCents,
    totalStock: stock,
    maxPerShopper,
    holdSeconds: 600,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 3_600_000).toISOString(),
    listed: false, // a race drop is reached by its link, never shown in the public feed
    rehearsal: true, // deletable with its claims once over (lib/admin/delete-drop.ts)
    ...(stockShards ? { stockShards } : {}),
  };
  const r = await http.request("POST", "/api/admin/drops", { token: adminToken, json: input });
  if (r.status !== 201) throw describe("POST /api/admin/drops", r);
  return (r.body as { drop: Drop }).drop;
}

export async function getDrop(http: HttpClient, id: string): Promise<Drop> {
  const r = await http.request("GET", `/api/drops/${id}`);
  if (r.status !== 200) throw describe(`GET /api/drops/${id}`, r);
  return (r.body as { drop: Drop }).drop;
}

/**
 * Server clock minus ours, in ms, from the stock endpoint's serverTime (best of 3 round trips).
 * The query string makes each probe unique, so a CDN cannot answer it from cache.
 */
export async function clockOffset(http: HttpClient, dropId: string): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    const r = await http.request("GET", `/api/drops/${dropId}/stock?clock=${t0}-${i}`);
    const t1 = Date.now();
    if (r.status !== 200) throw describe(`GET /api/drops/${dropId}/stock`, r);
    const serverTime = Date.parse((r.body as Stock).serverTime);
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: serverTime - (t0 + t1) / 2 };
  }
  return Math.round(best.offset);
}

/** Opens (or refreshes) every keep-alive socket just before the start, so the race is not a connect storm. */
export async function warmSockets(http: HttpClient, dropId: string, sockets: number): Promise<void> {
  await Promise.all(
    Array.from({ length: sockets }, (_, i) => http.request("GET", `/api/drops/${dropId}/stock?warm=${i}`)),
  );
}

export async function readStock(
  http: HttpClient,
  dropId: string,
): Promise<{ result: HttpResult; stock?: Stock }> {
  // Unique query: past any CDN cache; the caller waits out the server's own ≤ 1 s cache.
  const result = await http.request("GET", `/api/drops/${dropId}/stock?audit=${Date.now()}`);
  return { result, stock: result.status === 200 ? (result.body as Stock) : undefined };
}
