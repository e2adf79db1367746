// `npm run bench`: the performance budget of issue 5, measured on `npm run start:local` backed by a
// counting copy of the embedded database. Prints a table, then the same figures as JSON.
import os from "node:os";
import { parseArgs } from "node:util";
import type { Shopper } from "@/lib/schemas/claim";
import { benchClaimLine, renderClaimLine, type TracingMode } from "./bench/claim-line";
import { cpuMeter, type Cpu } from "./bench/cpu";
import { claimEach, claimFor, poll, rawUpdates, type Rate } from "./bench/phases";
import { phaseProfiles, profilingEnv, summarizeProfile } from "./bench/profile";
import { renderBench, renderPow, renderProfiles, type BenchResult } from "./bench/report";
import { benchPow } from "./bench/pow";
import { benchFeed, renderFeed } from "./bench/feed";
import { benchShards, renderShards } from "./bench/shards";
import { benchSignIn, renderSignIn } from "./bench/sign-in";
import { dbCounts, freePort, startApp, startCountingDb } from "./bench/servers";
import { createHttpClient, sleep } from "./race/http-pool";
import { createProgress } from "./race/progress";
import { createRaceDrop, mintShoppers, warmSockets } from "./race/setup";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "64" },
    shoppers: { type: "string", default: "4000" },
    duration: { type: "string", default: "5" },
    pollers: { type: "string", default: "1000" },
    "poll-seconds": { type: "string", default: "10" },
    "cpu-prof": { type: "string" }, // directory: one CPU profile of the server per phase (slows it down)
    shards: { type: "string", default: "1,2,4,8,16" }, // the shards table's K values ("" skips it)
    "shards-only": { type: "boolean", default: false },
    "pow-only": { type: "boolean", default: false }, // the proof-of-work section alone (scripts/bench/pow.ts)
    // A real owner's sign-in under a flood of random-email sign-ins, alone (scripts/bench/sign-in.ts).
    "sign-in-only": { type: "boolean", default: false },
    "sign-in-flood": { type: "string", default: "200" }, // random-email sign-ins kept in flight
    "feed-only": { type: "boolean", default: false }, // the feed section alone (scripts/bench/feed.ts)
    "feed-sizes": { type: "string", default: "10,100,10000" }, // catalogue sizes of the feed section ("" skips it)
    "feed-requests": { type: "string", default: "300" }, // requests per row of the feed section
    // The win path alone, on a server per tracing mode (scripts/bench/claim-line.ts, docs/telemetry.md).
    "claims-only": { type: "boolean", default: false },
    tracing: { type: "string", default: "off" }, // off, memory, base (comma-separated) or both (off,memory)
    rounds: { type: "string", default: "1" }, // --claims-only: rounds of the modes, taken in turn
    "base-dir": { type: "string" }, // --tracing base: a checkout without the tracing code, e.g. 83e65a2
    // Writes/s per stock item: low enough that K = 8 stays under this machine's CPU bound.
    "shard-budget": { type: "string", default: "10" },
  },
});
const C = Number(values.concurrency);
const N = Number(values.shoppers);
const durationMs = Number(values.duration) * 1000;
const pollMs = Number(values["poll-seconds"]) * 1000;
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sum = (counts: Record<string, number>, match: (name: string) => boolean) =>
  Object.entries(counts).reduce((n, [name, c]) => n + (match(name) ? c : 0), 0);

/**
 * A claims phase with its database calls: the drop's own (minus the once-a-second ATTEMPTS flush)
 * plus the per-shopper items. Background calls (the hold sweeper on other drops) are left out.
 */
function summarize(
  { id, rate, counts }: { id: string; rate: Rate & { cpuMsPerOp: Cpu }; counts: Record<string, number> },
  units = 0,
) {
  const mine = (n: string) =>
    (n.includes(`#${id}`) && !n.includes("ATTEMPTS#")) || / (SLOT|CLAIM|IDEM)$/.test(n);
  const dropWrites = counts[`UpdateItem DROP#${id}`] ?? 0;
  return {
    ...rate,
    dbCalls: counts,
    dbCallsPerClaim: sum(counts, mine) / Math.max(1, rate.count),
    dropWrites,
    writesAfterSellOut: dropWrites - units,
  };
}

const loadBefore = os.loadavg();
const db = await startCountingDb();
const shardCounts = values.shards ? values.shards.split(",").map(Number) : [];
/** The shards table, on its own app instance behind the write-budget proxy (scripts/bench/shards.ts). */
const shardsTable = async () => {
  if (shardCounts.length === 0) return undefined;
  const table = await benchShards({
    dbEndpoint: db.endpoint,
    shardCounts,
    concurrency: C,
    budgetPerPartition: Number(values["shard-budget"]),
    log,
  });
  console.log(renderShards(table));
  return table;
};
/** The proof-of-work section: solvers, the curve, checking, and the guest path on its own app instance. */
const powSection = async () => {
  const section = await benchPow({ dbEndpoint: db.endpoint, dbPid: db.child.pid, log });
  console.log(renderPow(section));
  return section;
};
/** The feed section: the public feed and home page as the catalogue grows, on its own app instances and table. */
const feedSection = async () => {
  if (!values["feed-sizes"]) return undefined;
  const table = await benchFeed({
    dbEndpoint: db.endpoint,
    sizes: values["feed-sizes"].split(",").map(Number),
    requests: Number(values["feed-requests"]),
    log,
  });
  console.log(renderFeed(table));
  return table;
};
if (values["feed-only"]) {
  try {
    console.log(JSON.stringify(await feedSection(), null, 2));
  } finally {
    await db.stop();
  }
  process.exit(0);
}
if (values["pow-only"]) {
  try {
    console.log(JSON.stringify(await powSection(), null, 2));
  } finally {
    await db.stop();
  }
  process.exit(0);
}
if (values["sign-in-only"]) {
  try {
    const result = await benchSignIn({
      dbEndpoint: db.endpoint,
      flood: Number(values["sign-in-flood"]),
      log,
    });
    console.log(renderSignIn(result));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await db.stop();
  }
  process.exit(0);
}
if (values["claims-only"]) {
  try {
    const modes = (values.tracing === "both" ? "off,memory" : values.tracing).split(",") as TracingMode[];
    const lines = await benchClaimLine({
      dbEndpoint: db.endpoint,
      dbPid: db.child.pid,
      modes,
      rounds: Number(values.rounds),
      shoppers: N,
      concurrency: C,
      baseDir: values["base-dir"],
      log,
    });
    console.log(renderClaimLine(lines, C));
    console.log(JSON.stringify({ loadBefore, loadAfter: os.loadavg(), lines }, null, 2));
  } finally {
    await db.stop();
  }
  process.exit(0);
}
if (values["shards-only"]) {
  try {
    console.log(JSON.stringify(await shardsTable(), null, 2));
  } finally {
    await db.stop();
  }
  process.exit(0);
}
const port = await freePort();
log(`database ${db.endpoint}; starting start:local on port ${port} (builds .next-bench if stale)…`);
const cpuProf = values["cpu-prof"];
const app = await startApp({
  dbEndpoint: db.endpoint,
  port,
  extraEnv: {
    ...(cpuProf ? profilingEnv(cpuProf) : {}),
    ...(values.tracing === "memory" ? { DROPRUSH_TRACING: "memory" } : {}),
  },
}).catch(async (err) => {
  await db.stop();
  throw err;
});
const http = createHttpClient({ url: app.url, sockets: 256 });
const cpu = cpuMeter({ server: app.child.pid, db: db.child.pid });
/** Runs a phase and adds the CPU ms each process spent per operation (what bounds the figure). */
const withCpu = async <T extends Rate>(phase: () => Promise<T>): Promise<T & { cpuMsPerOp: Cpu }> => {
  const stop = cpu.start();
  const result = await phase();
  return { ...result, cpuMsPerOp: stop(result.count) };
};
const quiet = createProgress(process.stderr, true);
/** With --cpu-prof, `cut` closes the server's profile of the phase that just ended. */
const { cut, phases: profiles } = phaseProfiles(cpuProf);

try {
  const drop = async (stock: number) =>
    (
      await createRaceDrop(http, {
        adminToken: app.adminToken,
        stock,
        maxPerShopper: 1,
        startsAt: Date.now() - 1000,
      })
    ).id;
  /** Claims `shoppers` once each on a fresh drop of `stock`, with the database calls they caused. */
  const measure = async (stock: number, shoppers: Shopper[], concurrency: number, withKey = false) => {
    const id = await drop(stock);
    await dbCounts(db.endpoint, true);
    const rate = await withCpu(() => claimEach(http, { dropId: id, shoppers, concurrency, withKey }));
    return { id, rate, counts: await dbCounts(db.endpoint) };
  };

  log(`minting ${N} shoppers…`);
  const shoppers = await mintShoppers(http, N, C, quiet, app.adminToken);
  log("warm-up (JIT, route modules, sockets)…");
  await measure(300, shoppers.slice(0, 600), C);

  log(`raw conditional UpdateItem, SDK client, concurrency ${C}…`);
  const sdk = await rawUpdates({
    endpoint: db.endpoint,
    tableName: process.env.DYNAMODB_TABLE || "droprush",
    concurrency: C,
  });
  await sdk.run(1000); // warm-up: sockets and JIT
  const raw = await withCpu(() => sdk.run(durationMs));
  sdk.close();
  await cut("setup");

  log(`win path: ${N} claims on ${N} units, concurrency ${C}…`);
  const win = await measure(N, shoppers, C);
  await cut("win");
  log("win path with an Idempotency-Key on every claim…");
  const winKeyed = await measure(N, shoppers, C, true);
  await cut("win-keyed");

  log("sold-out path (the win drop, now sold out)…");
  await sleep(1100); // past the ≤ 1 s cache, as a shopper arriving after the sell-out would be
  await dbCounts(db.endpoint, true);
  const soldOut = await withCpu(() =>
    claimFor(http, { dropId: win.id, shoppers, concurrency: C, durationMs }),
  );
  const soldOutCounts = await dbCounts(db.endpoint);
  await cut("sold-out");

  const raceShoppers = shoppers.slice(0, Math.min(3000, N));
  log(
    `race: 100 units, ${raceShoppers.length} shoppers, concurrency ${C} and 256 (writes to the drop item after the sell-out)…`,
  );
  const raceC = await measure(100, raceShoppers, C);
  // 256 connections opened at once mid-measurement overflow the server's listen queue: the dropped
  // SYNs come back 1–3 s later and look like a server tail. Opened first, as the race CLI does.
  await warmSockets(http, raceC.id, 256);
  const race = await measure(100, raceShoppers, 256);
  await cut("race");

  log(`latency: ${N} claims on ${N} units at concurrency 256…`);
  await warmSockets(http, race.id, 256);
  const lat = await measure(N, shoppers, 256);
  await cut("latency-256");

  log(`polling: ${values.pollers} pollers at 1 Hz for ${pollMs / 1000} s…`);
  const pollId = await drop(1000);
  await dbCounts(db.endpoint, true);
  const polling = await withCpu(() =>
    poll({ url: app.url, dropId: pollId, pollers: Number(values.pollers), durationMs: pollMs }),
  );
  const pollCounts = await dbCounts(db.endpoint);
  await cut("polling");

  const result: BenchResult = {
    machine: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "?",
      loadBefore,
      loadAfter: os.loadavg(),
    },
    concurrency: C,
    raw,
    win: summarize(win),
    winKeyed: summarize(winKeyed),
    soldOut: summarize({ id: win.id, rate: soldOut, counts: soldOutCounts }),
    raceC: summarize(raceC, 100),
    race: summarize(race, 100),
    latency256: summarize(lat),
    polling: {
      ...polling,
      itemReads: pollCounts[`GetItem DROP#${pollId}`] ?? 0,
      dropReads: sum(pollCounts, (n) => n.includes(pollId) && /^(GetItem|Query) /.test(n)),
      dbCalls: pollCounts,
    },
  };
  if (cpuProf)
    result.profiles = Object.fromEntries(profiles.map(({ label, file }) => [label, summarizeProfile(file)]));
  console.log(renderBench(result));
  if (result.profiles) console.log(renderProfiles(result.profiles));
  const shards = await shardsTable();
  const pow = await powSection();
  const feed = await feedSection();
  console.log(JSON.stringify({ ...result, shards, pow, feed }, null, 2));
} finally {
  http.close();
  log("stopping start:local and the database…");
  await app.stop();
  await db.stop();
}
