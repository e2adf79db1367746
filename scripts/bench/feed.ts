// The feed section: GET /api/drops and GET / (the home page), timed and weighed as the catalogue
// grows from 10 drops to 10,000 (mostly ended, some unlisted, a few live: scripts/bench/feed-seed.ts,
// plus start:local's 3 demo drops), on the production build. Two app instances on one table of
// their own (the other sections never see these drops): one with the per-server feed cache off
// (FEED_CACHE_MS=0: every request does the whole read, the figure that must not grow with the
// catalogue), one as deployed (1 s). Bytes are the body as sent without compression, and gzipped.
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { connect, ensureTable } from "@/lib/db/connect";
import { pool } from "@/lib/race/plan";
import { fmt, latency } from "@/lib/race/stats";
import { dbCounts, freePort, startApp } from "./servers";

const TABLE = "droprush-feed-bench";
const DEMO_DROPS = 3; // start:local's seed, in every catalogue
const PATHS = ["/api/drops", "/"] as const;

export type FeedRow = {
  drops: number;
  path: (typeof PATHS)[number];
  cache: "off" | "1 s";
  p50: number;
  p99: number;
  perSecond: number;
  bytes: number;
  gzipBytes: number;
  /** Queries of the feed's index (gsi1 "FEED") per request, counted at the database. */
  feedQueries: number;
};
export type FeedTable = { requests: number; concurrency: number; rows: FeedRow[] };

export async function benchFeed({
  dbEndpoint,
  sizes = [10, 100, 10_000],
  requests = 300,
  concurrency = 4,
  log,
}: {
  dbEndpoint: string;
  sizes?: number[];
  requests?: number;
  concurrency?: number;
  log: (line: string) => void;
}): Promise<FeedTable> {
  const client = connect({ endpoint: dbEndpoint, region: "us-east-1" });
  await ensureTable(client, TABLE);
  client.destroy();
  const extraEnv = { DYNAMODB_TABLE: TABLE };
  // One after the other: the first builds .next-bench if it is stale, the second finds it built.
  const apps = [
    {
      cache: "off" as const,
      app: await startApp({
        dbEndpoint,
        port: await freePort(3400, 3449),
        extraEnv: { ...extraEnv, FEED_CACHE_MS: "0" },
      }),
    },
    {
      cache: "1 s" as const,
      app: await startApp({ dbEndpoint, port: await freePort(3450, 3499), extraEnv }),
    },
  ];
  const rows: FeedRow[] = [];
  try {
    let seeded = 0;
    for (const size of sizes) {
      const target = size - DEMO_DROPS;
      log(`feed: writing drops ${seeded}…${target - 1} (a catalogue of ${fmt(size)})…`);
      await seed({ dbEndpoint, from: seeded, to: target });
      seeded = Math.max(seeded, target);
      for (const { cache, app } of apps)
        for (const path of PATHS) {
          log(
            `feed: ${fmt(size)} drops, GET ${path}, cache ${cache}, ${requests} requests at ${concurrency}…`,
          );
          rows.push({
            drops: size,
            path,
            cache,
            ...(await measure({ url: app.url, path, requests, concurrency, dbEndpoint })),
          });
        }
    }
    return { requests, concurrency, rows };
  } finally {
    for (const { app } of apps) await app.stop();
  }
}

/** Drops `from`…`to − 1` of the bench's catalogue, written by a child with the table in its environment. */
async function seed({ dbEndpoint, from, to }: { dbEndpoint: string; from: number; to: number }) {
  if (to <= from) return;
  const child = spawn(
    join(process.cwd(), "node_modules", ".bin", "tsx"),
    ["--conditions=react-server", "scripts/bench/feed-seed.ts", "--from", String(from), "--to", String(to)],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: dbEndpoint,
        DYNAMODB_TABLE: TABLE,
        ADMIN_TOKEN: "feed-bench-seed-token",
        SESSION_SECRET: "feed-bench-seed-secret-0123456789abcdef",
      },
    },
  );
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`scripts/bench/feed-seed.ts exited with ${code}`);
}

type Got = { status: number; bytes: number; ms: number };

async function measure({
  url,
  path,
  requests,
  concurrency,
  dbEndpoint,
}: {
  url: string;
  path: string;
  requests: number;
  concurrency: number;
  dbEndpoint: string;
}): Promise<Omit<FeedRow, "drops" | "path" | "cache">> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (gzip = false) =>
    new Promise<Got>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(
        new URL(path, url),
        { agent, headers: { "accept-encoding": gzip ? "gzip" : "identity" } },
        (res) => {
          let bytes = 0;
          res.on("data", (c: Buffer) => (bytes += c.length));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
    });
  const times = (n: number) => Array.from({ length: n }, (_, i) => i);
  try {
    await pool(times(Math.min(50, requests)), concurrency, () => get()); // JIT, sockets, the route's module
    await dbCounts(dbEndpoint, true);
    const started = performance.now();
    const got = await pool(times(requests), concurrency, () => get());
    const seconds = (performance.now() - started) / 1000;
    const counts = await dbCounts(dbEndpoint);
    const failed = got.filter((g) => g.status !== 200);
    if (failed.length > 0)
      throw new Error(`GET ${path}: ${failed.length} answers were not 200 (${failed[0]!.status})`);
    const { p50, p99 } = latency(got.map((g) => g.ms));
    return {
      p50,
      p99,
      perSecond: Math.round(requests / seconds),
      bytes: Math.round(got.reduce((n, g) => n + g.bytes, 0) / got.length),
      gzipBytes: (await get(true)).bytes,
      feedQueries: Math.round(((counts["Query gsi1 FEED"] ?? 0) / requests) * 100) / 100,
    };
  } finally {
    agent.destroy();
  }
}

/** The table, then each path's smallest and largest catalogue side by side (the goal: within 20 %). */
export function renderFeed(t: FeedTable): string {
  const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;
  const rows = t.rows.map((r) =>
    [
      fmt(r.drops),
      `GET ${r.path}`,
      r.cache,
      r.p50,
      r.p99,
      fmt(r.perSecond),
      kb(r.bytes),
      kb(r.gzipBytes),
      r.feedQueries,
    ].join(" | "),
  );
  const sizes = [...new Set(t.rows.map((r) => r.drops))];
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  const ratios = t.rows
    .filter((r) => r.drops === large)
    .map((big) => {
      const base = t.rows.find((r) => r.drops === small && r.path === big.path && r.cache === big.cache)!;
      const pct = (a: number, b: number) => `${a >= b ? "+" : ""}${fmt(((a - b) / b) * 100)} %`;
      return `GET ${big.path}, cache ${big.cache}: p50 ${pct(big.p50, base.p50)}, p99 ${pct(big.p99, base.p99)}, bytes ${pct(big.bytes, base.bytes)}`;
    });
  return [
    `Feed: ${t.requests} requests per row, ${t.concurrency} in flight, production build (bytes: the body, uncompressed / gzip):`,
    "drops | request | feed cache | p50 ms | p99 ms | req/s | bytes | gzip | feed queries/req",
    ...rows,
    "",
    `${fmt(large)} drops against ${fmt(small)}:`,
    ...ratios,
  ].join("\n");
}
