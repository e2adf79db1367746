// `npm run bench:draw`: what a draw drop costs (issue 23). Two parts, each printed as a table then JSON:
//  1. Entering against claiming, at the core race's concurrency, on `npm run start:local` backed by
//     the counting database: requests/s, latency, CPU ms per request (server, database), database
//     calls per request.
//  2. The draw of `--entries` entries (default 100,000), written straight to the table, run in a
//     child process of its own: seconds and that process's peak RSS.
import { fork } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { cpuMeter } from "./cpu";
import { claimEach, enterEach } from "./phases";
import { dbCounts, freePort, startApp, startCountingDb } from "./servers";
import { createHttpClient } from "../race/http-pool";
import { createProgress } from "../race/progress";
import { mintShoppers } from "../race/setup";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "64" },
    shoppers: { type: "string", default: "2000" },
    entries: { type: "string", default: "100000" },
    "draw-only": { type: "boolean", default: false },
  },
});
const C = Number(values.concurrency);
const N = Number(values.shoppers);
const log = (line: string) => console.error(`[bench:draw ${new Date().toISOString().slice(11, 19)}] ${line}`);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

const db = await startCountingDb();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);

async function enteringVsClaiming() {
  const port = await freePort();
  log(`starting start:local on port ${port} (builds .next-bench if stale)…`);
  const app = await startApp({ dbEndpoint: db.endpoint, port });
  const http = createHttpClient({ url: app.url, sockets: 256 });
  const cpu = cpuMeter({ server: app.child.pid, db: db.child.pid });
  try {
    const create = async (mode: "draw" | "first-come", stock: number) => {
      const now = Date.now();
      const r = await http.request("POST", "/api/admin/drops", {
        token: app.adminToken,
        json: {
          name: `Bench ${mode}`,
          priceCents: 0,
          totalStock: stock,
          startsAt: new Date(now - 1000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          listed: false,
          botDefence: "off",
          mode,
        },
      });
      if (r.status !== 201) throw new Error(`create drop: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body as { drop: { id: string } }).drop.id;
    };
    log(`minting ${N * 2} shoppers…`);
    const shoppers = await mintShoppers(http, N * 2, C, createProgress(process.stderr, true), app.adminToken);
    const warm = await create("draw", 1);
    await enterEach(http, { dropId: warm, shoppers: shoppers.slice(0, 300), concurrency: C });
    const rows = [];
    for (const mode of ["draw", "first-come"] as const) {
      // Every claim wins (stock = shoppers): the claim's full path, not its sold-out answer.
      const id = await create(mode, N);
      const batch = mode === "draw" ? shoppers.slice(0, N) : shoppers.slice(N);
      await dbCounts(db.endpoint, true);
      const stop = cpu.start();
      const rate = await (mode === "draw"
        ? enterEach(http, { dropId: id, shoppers: batch, concurrency: C })
        : claimEach(http, { dropId: id, shoppers: batch, concurrency: C }));
      const cpuMs = stop(rate.count);
      const counts = await dbCounts(db.endpoint);
      const calls = Object.entries(counts).reduce(
        (n, [name, c]) => n + (name.includes("ATTEMPTS#") || name.includes("RATE#") ? 0 : c),
        0,
      );
      rows.push({
        request: mode === "draw" ? "POST …/entries" : "POST …/claims",
        perSecond: rate.perSecond,
        p50: rate.latencyMs.p50,
        p99: rate.latencyMs.p99,
        serverCpuMs: round(cpuMs.server),
        dbCpuMs: round(cpuMs.db),
        dbCallsPerRequest: round(calls / rate.count),
        outcomes: rate.outcomes,
      });
    }
    return rows;
  } finally {
    await app.stop();
  }
}

/** One run of scripts/bench/draw-run.ts in a child process: what it answers. */
function child<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = fork("scripts/bench/draw-run.ts", args, {
      execArgv: ["--import", "tsx", "--conditions=react-server"],
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: db.endpoint,
        DYNAMODB_TABLE: "droprush",
        NODE_ENV: "test",
        ADMIN_TOKEN: "bench-draw-admin-token-0123",
        SESSION_SECRET: "bench-draw-session-secret-0123456789abcdef",
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    proc.on("message", (m) => resolve(m as T));
    proc.on("exit", (code) => code !== 0 && reject(new Error(`draw-run ${args[0]} exited ${code}`)));
  });
}

/** The entries written by one process, the draw run by a fresh one: its peak RSS is the draw's. */
async function drawOf(entries: number) {
  const { id, seedSeconds } = await child<{ id: string; seedSeconds: number }>(["seed", String(entries)]);
  const draw = await child<{ entries: number; drawSeconds: number; peakRssMiB: number; winners: number }>([
    "draw",
    id,
  ]);
  return { ...draw, seedSeconds };
}

try {
  const entering = values["draw-only"] ? [] : await enteringVsClaiming();
  log(`the draw of ${values.entries} entries…`);
  const draw = await drawOf(Number(values.entries));
  console.log(`\nDraw drops · ${machine} · ${date} · concurrency ${C}, ${N} requests each\n`);
  if (entering.length) {
    console.log("| request | req/s | p50 ms | p99 ms | server CPU ms/req | db CPU ms/req | db calls/req |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of entering)
      console.log(
        `| ${r.request} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.serverCpuMs} | ${r.dbCpuMs} | ${r.dbCallsPerRequest} |`,
      );
  }
  console.log(`\n| entries | writing them s | the draw s | draw's peak RSS MiB | winners |`);
  console.log("|---:|---:|---:|---:|---:|");
  console.log(
    `| ${draw.entries} | ${draw.seedSeconds} | ${draw.drawSeconds} | ${draw.peakRssMiB} | ${draw.winners} |`,
  );
  console.log(JSON.stringify({ machine, date, concurrency: C, entering, draw }, null, 2));
} finally {
  await db.stop();
}
