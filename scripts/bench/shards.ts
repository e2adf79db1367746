// The bench's shards table (issue 11): under a simulated per-partition write budget (the fault
// proxy's token bucket, failed conditional writes included, as DynamoDB counts them), how fast a
// drop sells out on K = 1, 2, 4, 8, 16 stock shards. Its own app instance talks to the database
// through the proxy, so the other phases are measured without it.
import type { Shopper } from "@/lib/schemas/claim";
import type { Claim } from "@/lib/schemas/claim";
import { CLAIMS_PER_SHARD } from "@/lib/stock/shards";
import { pool } from "@/lib/race/plan";
import { startFaultProxy } from "../faults/proxy";
import { checkHistory, type ClaimOp } from "../faults/history";
import { clickIntent } from "../faults/intent";
import { createHttpClient, errorCode, type HttpClient } from "../race/http-pool";
import { createProgress } from "../race/progress";
import { createRaceDrop, mintShoppers } from "../race/setup";
import { freePort, startApp } from "./servers";

export type ShardRun = {
  shards: number;
  units: number;
  shoppers: number;
  /** From the first click to the last unit won. */
  sellOutSeconds: number;
  claimsPerSecond: number;
  won: number;
  oversold: number;
  falseSoldOuts: number;
  /** Writes the budget refused (ProvisionedThroughputExceeded), all retried or moved on. */
  throttledWrites: number;
  /** Shoppers whose every try was a 503 (they would try again). */
  unanswered: number;
  verdictsOk: boolean;
};

export type ShardsTable = { budgetPerPartition: number; concurrency: number; runs: ShardRun[] };

export async function benchShards({
  dbEndpoint,
  shardCounts = [1, 2, 4, 8, 16],
  budgetPerPartition = 10,
  units = 160,
  shoppers: shopperCount = 1000,
  concurrency = 64,
  log,
}: {
  dbEndpoint: string;
  shardCounts?: number[];
  budgetPerPartition?: number;
  units?: number;
  shoppers?: number;
  concurrency?: number;
  log: (line: string) => void;
}): Promise<ShardsTable> {
  const proxy = await startFaultProxy({ target: dbEndpoint });
  // The stock items only ("DROP#<id>", "DROP#<id>#S<n>"): every other item is one shopper's.
  const app = await startApp({ dbEndpoint: proxy.endpoint, port: await freePort(3300, 3399) });
  const http = createHttpClient({ url: app.url, sockets: 256 });
  try {
    const quiet = createProgress(process.stderr, true);
    const runs: ShardRun[] = [];
    for (const k of shardCounts) {
      const shoppers = await mintShoppers(http, shopperCount, concurrency, quiet, app.adminToken);
      const drop = await createRaceDrop(http, {
        adminToken: app.adminToken,
        stock: units,
        maxPerShopper: 1,
        startsAt: Date.now() - 1000,
        stockShards: k,
      });
      await http.request("GET", `/api/drops/${drop.id}/stock`); // the drop in the server's cache
      proxy.resetStats();
      proxy.setWriteBudget({ writesPerSecond: budgetPerPartition, key: /^DROP#/ });
      log(`shards: K = ${k}, ${units} units, ${shopperCount} shoppers at ${concurrency} in flight…`);
      const started = Date.now();
      const ops = await pool(shoppers, concurrency, (s) => intent(http, drop.id, s));
      const throttledWrites = proxy.stats().injected["budget-throttle"];
      proxy.setWriteBudget(undefined);
      runs.push(
        await judge({
          http,
          adminToken: app.adminToken,
          dropId: drop.id,
          k,
          units,
          ops,
          started,
          throttledWrites,
        }),
      );
    }
    return { budgetPerPartition, concurrency, runs };
  } finally {
    http.close();
    await app.stop();
    await proxy.close();
  }
}

/** One shopper's click, resent with its key after a 503 as a real client does. */
function intent(http: HttpClient, dropId: string, s: Shopper): Promise<ClaimOp> {
  const key = `shards-${s.shopperId}`;
  return clickIntent({
    shopperId: s.shopperId,
    key,
    tries: 12,
    backoffMs: 50,
    send: async () => {
      const r = await http.request("POST", `/api/drops/${dropId}/claims`, {
        token: s.token,
        headers: { "Idempotency-Key": key },
      });
      const body = r.body as { claim?: { id: string } } | undefined;
      return { status: r.status, claimId: body?.claim?.id, code: errorCode(r.body) };
    },
  });
}

async function judge({
  http,
  adminToken,
  dropId,
  k,
  units,
  ops,
  started,
  throttledWrites,
}: {
  http: HttpClient;
  adminToken: string;
  dropId: string;
  k: number;
  units: number;
  ops: ClaimOp[];
  started: number;
  throttledWrites: number;
}): Promise<ShardRun> {
  const { drop } = (await http.request("GET", `/api/admin/drops/${dropId}`, { token: adminToken })).body as {
    drop: { totalStock: number; remainingStock: number };
  };
  const claims: Claim[] = [];
  for (let cursor: string | null = ""; cursor !== null;) {
    const page = (
      await http.request(
        "GET",
        `/api/admin/drops/${dropId}/claims?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
        {
          token: adminToken,
        },
      )
    ).body as { claims: Claim[]; nextCursor: string | null };
    claims.push(...page.claims);
    cursor = page.nextCursor;
  }
  const result = checkHistory({
    ops,
    final: { totalStock: drop.totalStock, remainingStock: drop.remainingStock, claims, maxPerShopper: 1 },
  });
  const wins = ops.filter((o) => o.outcome === "won");
  const lastWin = Math.max(...wins.map((o) => o.at));
  const seconds = (lastWin - started) / 1000;
  const live = claims.filter((c) => c.status === "held" || c.status === "confirmed").length;
  const falseSoldOut = result.verdicts.find((v) => v.name === "no-false-sold-out");
  return {
    shards: k,
    units,
    shoppers: ops.length,
    sellOutSeconds: Math.round(seconds * 100) / 100,
    claimsPerSecond: Math.round(wins.length / seconds),
    won: wins.length,
    oversold: Math.max(0, live - drop.totalStock),
    falseSoldOuts: falseSoldOut?.ok ? 0 : ops.filter((o) => o.code === "SOLD_OUT").length,
    throttledWrites,
    unanswered: ops.filter((o) => o.outcome === "unknown").length,
    verdictsOk: result.ok,
  };
}

/** The table, and the same sizing on paper for real DynamoDB. */
export function renderShards(t: ShardsTable): string {
  const base = t.runs.find((r) => r.shards === 1);
  const rows = t.runs.map((r) =>
    [
      r.shards,
      r.won,
      r.sellOutSeconds.toFixed(2),
      r.claimsPerSecond,
      base ? `${(base.sellOutSeconds / r.sellOutSeconds).toFixed(1)}×` : "",
      r.oversold,
      r.falseSoldOuts,
      r.throttledWrites,
      r.unanswered,
      r.verdictsOk ? "pass" : "FAIL",
    ].join(" | "),
  );
  const peaks = [1_000, 5_000, 10_000, 20_000, 50_000];
  return [
    `Shards under a simulated budget of ${t.budgetPerPartition} writes/s per stock item (${t.concurrency} claims in flight):`,
    "K | won | sell-out s | claims/s | vs K=1 | oversold | false sold-out | throttled writes | unanswered | checker",
    ...rows,
    "",
    `On real DynamoDB: 1,000 write units/s per item; one win is 1 unit on its shard (the stock write; slot, key and claim are`,
    `per-shopper items), a refused conditional write also 1. Planned at ${CLAIMS_PER_SHARD} claims/s per shard:`,
    "peak claims/s | shards",
    ...peaks.map((p) => `${p.toLocaleString("en-US")} | ${Math.min(64, Math.ceil(p / CLAIMS_PER_SHARD))}`),
  ].join("\n");
}
