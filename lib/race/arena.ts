// The race arena's engine (/admin/race), run by the admin's browser: creates a race drop with the
// admin session, mints guest shoppers, fires every claim at once at the real API, then checks the
// answers against what the server has on record. Same plan and verdicts as `npm run race`
// (lib/race/plan.ts, lib/race/verdicts.ts); fetch instead of node:http.
import { api, ApiError } from "@/lib/hooks/fetcher";
import { judgeRace, type Audit } from "@/lib/race/verdicts";
import { planAttempts, pool, type Attempt, type Outcome } from "@/lib/race/plan";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import type { Drop, Stock } from "@/lib/schemas/drop";
import type { RaceArenaInput } from "@/lib/schemas/race";

/**
 * Requests in flight. Over HTTP/1.1 Chromium opens at most 6 connections to one host and queues the
 * rest itself; over HTTP/2 (any https deployment) they share one connection, all 64 on the wire.
 */
export const IN_FLIGHT = 64;
const START_DELAY_MS = 2000; // the drop starts this long after it is created: time to mint shoppers
const STOCK_CACHE_WAIT_MS = 1200; // the stock endpoint may answer from a ≤ 1 s in-process cache
const EARLY_RETRY_MS = 20;
const EARLY_GIVE_UP_MS = 10_000;

export type ArenaPhase = "creating" | "minting" | "waiting" | "racing" | "auditing" | "done" | "failed";

/** The race so far, written by the engine as it goes; the page reads a summary of it a few times a second. */
export type ArenaState = {
  input: RaceArenaInput;
  phase: ArenaPhase;
  drop?: Drop;
  fireAt?: number; // this machine's clock
  minted: number;
  attempts: number;
  outcomes: Outcome[];
  wireMs: number[]; // Resource Timing: request sent → answer received, without this browser's queue
  protocol?: string;
  audited: number;
  durationMs?: number;
  audit?: Audit;
  error?: string;
};

export const newArenaState = (input: RaceArenaInput): ArenaState => ({
  input,
  phase: "creating",
  minted: 0,
  attempts: 0,
  outcomes: [],
  wireMs: [],
  audited: 0,
});

export async function runArenaRace(s: ArenaState): Promise<void> {
  try {
    const { drop } = await api<{ drop: Drop }>("/api/admin/drops", {
      method: "POST",
      body: JSON.stringify(dropInput(s.input, Date.now())),
    });
    s.drop = drop;
    s.phase = "minting";
    const shoppers = await pool(Array.from({ length: s.input.shoppers }), IN_FLIGHT, async () => {
      const shopper = await api<Shopper>("/api/shoppers", { method: "POST", body: "{}" });
      s.minted++;
      return shopper;
    });

    const attempts = planAttempts(shoppers.length, s.input.dups, s.input.maxPerShopper);
    s.attempts = attempts.length;
    s.fireAt = Date.parse(drop.startsAt) - (await clockOffset(drop.id)) + 30; // a hair after the server's start
    if (s.fireAt - Date.now() > 60_000)
      throw new Error(
        `This computer's clock is ${Math.round((s.fireAt - Date.now()) / 1000)} s ahead of the server's.`,
      );
    s.phase = "waiting";
    await sleep(s.fireAt - Date.now());

    const url = `/api/drops/${drop.id}/claims`;
    s.phase = "racing";
    const unwatch = watchWire(new URL(url, location.href).href, s);
    const started = performance.now();
    await pool(attempts, IN_FLIGHT, async (a) =>
      s.outcomes.push(await claim(url, shoppers[a.shopper]?.token ?? "", a, started)),
    );
    s.durationMs = performance.now() - started;
    await sleep(STOCK_CACHE_WAIT_MS);
    unwatch();

    s.phase = "auditing";
    let auditErrors = 0;
    const recorded = await pool(shoppers, IN_FLIGHT, async ({ token }) => {
      const mine = await api<{ claims: Claim[] }>(`/api/drops/${drop.id}/claims/me`, { token }).catch(
        () => void auditErrors++,
      );
      s.audited++;
      return mine?.claims.map((c) => c.id) ?? [];
    });
    const stock = await api<Stock>(`/api/drops/${drop.id}/stock?audit=${Date.now()}`).catch(
      () => void auditErrors++,
    );
    const claimable = drop.status === "live" || drop.status === "scheduled";
    s.audit = judgeRace({
      shoppers: shoppers.length,
      outcomes: s.outcomes,
      recorded,
      stockBefore: drop.remainingStock,
      stockAfter: stock?.remainingStock,
      maxPerShopper: drop.maxPerShopper,
      claimable,
      auditErrors,
    });
    s.phase = "done";
  } catch (err) {
    s.error =
      err instanceof ApiError
        ? `${err.message} (${err.code})`
        : err instanceof Error
          ? err.message
          : String(err);
    s.phase = "failed";
  }
}

function dropInput(input: RaceArenaInput, now: number) {
  const startsAt = now + START_DELAY_MS;
  return {
    name: `Race arena ${new Date(startsAt).toISOString().slice(0, 19).replace("T", " ")}`,
    description: "Created by the race arena (/admin/race).",
    priceCents: 0,
    totalStock: input.stock,
    maxPerShopper: input.maxPerShopper,
    holdSeconds: 600,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 3_600_000).toISOString(),
    listed: false, // a race drop is reached by its link, never shown in the public feed
    rehearsal: true, // deletable with its claims once over (lib/admin/delete-drop.ts)
  };
}

/** One attempt; a NOT_STARTED (this clock ahead of the server's) is retried, as the CLI does. */
async function claim(url: string, token: string, a: Attempt, started: number): Promise<Outcome> {
  for (let early = 0; ; early++) {
    const t0 = performance.now();
    try {
      const headers = a.key ? { "Idempotency-Key": a.key } : undefined;
      const { claim } = await api<{ claim: Claim }>(url, { method: "POST", body: "{}", token, headers });
      // api() hides 201 (new) from 200 (a replay of the shopper's claim); the verdicts need neither.
      return { ...a, status: 201, claimId: claim.id, ms: performance.now() - t0, early };
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "NETWORK", String(err));
      if (e.code === "NOT_STARTED" && performance.now() - started < EARLY_GIVE_UP_MS) {
        await sleep(EARLY_RETRY_MS);
        continue;
      }
      return {
        ...a,
        status: e.status,
        code: e.code,
        ms: performance.now() - t0,
        early,
        error: e.status === 0 ? e.message : undefined,
      };
    }
  }
}

/** Server clock minus ours (ms), best of 3 stock reads; the query string keeps each read past any cache. */
async function clockOffset(dropId: string): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    const { serverTime } = await api<Stock>(`/api/drops/${dropId}/stock?clock=${t0}-${i}`);
    const t1 = Date.now();
    if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: Date.parse(serverTime) - (t0 + t1) / 2 };
  }
  return Math.round(best.offset);
}

/** Collects each claim's time on the wire, and the protocol it went over, as the browser reports them. */
function watchWire(url: string, s: ArenaState): () => void {
  if (typeof PerformanceObserver === "undefined") return () => undefined;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) {
      if (e.name !== url || e.requestStart <= 0) continue;
      s.wireMs.push(e.responseEnd - e.requestStart);
      s.protocol ||= e.nextHopProtocol;
    }
  });
  observer.observe({ type: "resource" });
  return () => observer.disconnect();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
