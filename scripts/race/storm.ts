// `npm run race -- --faults storm`: rehearse a launch on a failing database, here. Starts its own
// stack (embedded DynamoDB → fault proxy → `npm run start:local`), races a new drop while the
// proxy injects the storm (scripts/faults/storm.ts), with clients that retry 503s with their
// Idempotency-Key, then waits for the server's own sweeper to return every stranded unit and
// judges the whole history with the checker the CI storm test uses (scripts/faults/history.ts).
import { startLocalDb } from "@/lib/db/local-db";
import { planAttempts, pool } from "@/lib/race/plan";
import type { Claim } from "@/lib/schemas/claim";
import type { DropMetrics } from "@/lib/schemas/drop-admin";
import { freePort, startApp } from "../bench/servers";
import { checkHistory, formatVerdicts, type StockRead } from "../faults/history";
import { startFaultProxy } from "../faults/proxy";
import { clickIntent, type Answer } from "../faults/intent";
import { stormRules } from "../faults/storm";
import type { RaceOptions } from "./args";
import { createHttpClient, errorCode, sleep, type HttpClient } from "./http-pool";
import type { Progress } from "./progress";
import { clockOffset, createRaceDrop, mintShoppers } from "./setup";

const HEAL_TIMEOUT_MS = 180_000;

export type StormReport = {
  ok: boolean;
  dropId: string;
  config: { stock: number; shoppers: number; dups: number; concurrency: number };
  injected: Record<string, number>;
  outcomes: Record<string, number>;
  unknown: number;
  settledToUnit: number;
  strandedAtEnd: number;
  healedAfterMs?: number;
  autoReturns: DropMetrics["autoReturns"];
  final: { totalStock: number; remainingStock: number; liveClaims: number };
  verdicts: { name: string; ok: boolean; detail: string }[];
  text: string;
};

export async function rehearseStorm(opts: RaceOptions, progress: Progress): Promise<StormReport> {
  const db = await startLocalDb({ tableName: "droprush" });
  const proxy = await startFaultProxy({ target: db.endpoint });
  progress.note(`Starting the app on a failing database (proxy ${proxy.endpoint}); builds if stale…`);
  const app = await startApp({ dbEndpoint: proxy.endpoint, port: await freePort(3300, 3399) });
  const http = createHttpClient({ url: app.url, sockets: opts.concurrency });
  try {
    const shoppers = await mintShoppers(http, opts.shoppers, opts.concurrency, progress, app.adminToken);
    const drop = await createRaceDrop(http, {
      adminToken: app.adminToken,
      stock: opts.stock,
      maxPerShopper: opts.maxPerShopper,
      startsAt: Date.now() + opts.startDelayMs,
    });
    const offset = await clockOffset(http, drop.id);
    await sleep(Date.parse(drop.startsAt) - offset + 30 - Date.now());

    // Every intent carries a key, so a client's resend of it is safe; the storm starts now.
    const attempts = planAttempts(shoppers.length, opts.dups).map((a, i) => ({
      ...a,
      key: a.key ?? `k${i}`,
    }));
    proxy.resetStats();
    proxy.setRules(stormRules);
    const reads: StockRead[] = [];
    let racing = true;
    const poller = (async () => {
      while (racing) {
        const r = await http.request("GET", `/api/drops/${drop.id}/stock?t=${Date.now()}`);
        if (r.status === 200) reads.push({ at: Date.now(), ...(r.body as Omit<StockRead, "at">) });
        await sleep(100);
      }
    })();
    progress.phase("racing", attempts.length);
    const ops = await pool(attempts, opts.concurrency, async (a) => {
      const { shopperId, token } = shoppers[a.shopper]!;
      const op = await clickIntent({ shopperId, key: a.key, send: () => claim(http, drop.id, token, a.key) });
      progress.tick();
      return op;
    });
    progress.done();
    racing = false;
    await poller;
    const injected = proxy.stats().injected;
    proxy.setRules([]);
    const raceEnd = Date.now();

    // Each unknown outcome is settled through its key, now the storm is over.
    const settled: Record<string, string | null> = {};
    for (const op of ops.filter((o) => o.outcome === "unknown")) {
      const token = shoppers.find((s) => s.shopperId === op.shopperId)!.token;
      const r = await claim(http, drop.id, token, op.key!);
      settled[op.key!] = r.status === 200 || r.status === 201 ? r.claimId! : null;
    }

    // Self-healing: the server's sweeper (every 5 s) returns stranded units once no writer can be in flight.
    const admin = { token: app.adminToken };
    const strandedNow = async () => {
      const m = (await http.request("GET", `/api/admin/drops/${drop.id}/metrics`, admin)).body as DropMetrics;
      const claims = await allClaims(http, drop.id, app.adminToken);
      const live = claims.filter((c) => c.status === "held" || c.status === "confirmed").length;
      return { stranded: m.sold - live, metrics: m, claims };
    };
    const atEnd = await strandedNow();
    let now = atEnd;
    progress.note(`${atEnd.stranded} units stranded at the end of the race; waiting for the sweeper…`);
    while (now.stranded > 0 && Date.now() - raceEnd < HEAL_TIMEOUT_MS) {
      await sleep(1000);
      now = await strandedNow();
    }
    const healedAfterMs = now.stranded === 0 && atEnd.stranded > 0 ? Date.now() - raceEnd : undefined;

    const result = checkHistory({
      ops,
      reads,
      settled,
      quietPeriodMs: 1000, // the stock poll is cached for up to a second
      reconciled: atEnd.stranded, // returned by the sweeper after the race
      final: {
        totalStock: now.metrics.totalStock,
        remainingStock: now.metrics.remainingStock,
        claims: now.claims,
        maxPerShopper: opts.maxPerShopper,
      },
    });
    const outcomes = Object.fromEntries(
      ["won", "replay", "refused", "unknown"].map((k) => [k, ops.filter((o) => o.outcome === k).length]),
    );
    const live = now.claims.filter((c) => c.status === "held" || c.status === "confirmed").length;
    const report: StormReport = {
      ok: result.ok && now.stranded === 0,
      dropId: drop.id,
      config: { stock: opts.stock, shoppers: opts.shoppers, dups: opts.dups, concurrency: opts.concurrency },
      injected,
      outcomes,
      unknown: Object.keys(settled).length,
      settledToUnit: Object.values(settled).filter(Boolean).length,
      strandedAtEnd: atEnd.stranded,
      healedAfterMs,
      autoReturns: now.metrics.autoReturns,
      final: {
        totalStock: now.metrics.totalStock,
        remainingStock: now.metrics.remainingStock,
        liveClaims: live,
      },
      verdicts: result.verdicts,
      text: formatVerdicts(result),
    };
    return report;
  } finally {
    http.close();
    await app.stop();
    await proxy.close();
    await db.stop();
  }
}

async function claim(http: HttpClient, dropId: string, token: string, key: string): Promise<Answer> {
  const r = await http.request("POST", `/api/drops/${dropId}/claims`, {
    token,
    json: {},
    headers: { "idempotency-key": key },
  });
  return {
    status: r.status,
    claimId: (r.body as { claim?: Claim } | undefined)?.claim?.id,
    code: errorCode(r.body),
  };
}

async function allClaims(http: HttpClient, dropId: string, token: string): Promise<Claim[]> {
  const claims: Claim[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${cursor}` : "";
    const r = await http.request("GET", `/api/admin/drops/${dropId}/claims?limit=200${q}`, { token });
    const page = r.body as { claims: Claim[]; nextCursor: string | null };
    claims.push(...page.claims);
    cursor = page.nextCursor;
  } while (cursor);
  return claims;
}

export function renderStorm(r: StormReport): string {
  const rows = [
    `drop ${r.dropId}: ${r.config.stock} units, ${r.config.shoppers} shoppers + ${r.config.dups} duplicate clicks, concurrency ${r.config.concurrency}`,
    `faults injected: ${Object.entries(r.injected)
      .map(([k, n]) => `${k} ${n}`)
      .join(" · ")}`,
    `answers: ${Object.entries(r.outcomes)
      .map(([k, n]) => `${k} ${n}`)
      .join(" · ")} (unknown ones settled through their key: ${r.unknown}, ${r.settledToUnit} to a unit)`,
    `stranded at the end of the race: ${r.strandedAtEnd}; back on sale by itself after ${r.healedAfterMs === undefined ? (r.strandedAtEnd ? "— (not within 180 s)" : "— (none stranded)") : `${(r.healedAfterMs / 1000).toFixed(1)} s`}`,
    `final: ${r.final.remainingStock} left of ${r.final.totalStock}, ${r.final.liveClaims} live claims`,
  ];
  return `\nStorm rehearsal\n${rows.map((l) => `  ${l}`).join("\n")}\n\nChecker\n${r.text}\n\n${r.ok ? "Every check holds." : "A check FAILED."}\n`;
}
