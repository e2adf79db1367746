// `npm run bench:queue`: what the waiting room costs (issue 25, docs/waiting-room.md), on
// `npm run start:local` backed by the counting database (scripts/bench/db-server.ts). Three parts,
// each printed as a markdown table, then every figure as JSON:
//  1. Joins: --joiners shoppers join a live first-come drop's line at --concurrency: joins/s,
//     latency, database writes per join, and, scanned from the table afterwards, the partitions the
//     tickets were written to (one item partition per shopper, 16 index partitions, none the drop's).
//  2. Polls: once the tickets settled, --pollers shoppers poll GET …/queue/me every --poll-every s
//     for --poll-seconds, on a short line (--short-line) and on the full one: polls/s, latency, and
//     the database reads per second the server spends on the line (independent of its length).
//  3. The claim at --overload-factor × its capacity, room off vs on: the claim route's capacity R
//     (claims/s at --concurrency), then 10·R arrivals/s for --overload-seconds, open-loop: off,
//     each claims directly; on, each joins a line admitting R/2 a second, polls as the page does
//     (nextPollMs), and claims with its pass once admitted. Claim latency of those admitted vs of
//     every direct claim. With --instances split (the default), the room's routes go to a second
//     instance, as deployed (they are a function of their own). With --cores split (the default
//     where taskset and 2 CPUs are), the claim's instance and the database get one CPU and the
//     room's instance and this client the others, as deployed the room's traffic and the shoppers'
//     browsers are not on the claim's machines; with --cores shared, every process may use every
//     core and the room's instance runs at nice 19. "--instances one" puts everything on one server.
//     With --db dynamodb-local (and --skip-joins), part 3 runs on AWS's DynamoDB Local, not dynalite.
// The bench is the deployment's cron: it calls the sweep every --sweep-every s on one instance
// (the room's in part 3 when split), and prints the claims that were waiting while a sweep ran
// apart from the others.
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { connect } from "@/lib/db/connect";
import { PLACED_MS } from "@/lib/queue/settle";
import { nextPollMs, QUEUE_TICKET_HEADER, type MyQueue } from "@/lib/schemas/queue";
import { latency, tally, type Latency } from "@/lib/race/stats";
import type { Shopper } from "@/lib/schemas/claim";
import { cpuMeter, type Cpu } from "./cpu";
import { claimEach } from "./phases";
import {
  collectGarbage,
  gcHooked,
  gcLogEnv,
  gcSummary,
  pausesDuring,
  readGcPauses,
  removeGcLog,
  type GcPause,
} from "./gc";
import { phaseProfiles, profilingEnv, summarizeProfile } from "./profile";
import { allowedCpus, dbCounts, freePort, pinToCpus, startApp, startCountingDb } from "./servers";
import {
  createHttpClient,
  errorCode,
  readAnswer,
  sleep,
  type HttpClient,
  type HttpResult,
} from "../race/http-pool";
import { createProgress } from "../race/progress";
import { mintShoppers, warmSockets } from "../race/setup";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "64" },
    joiners: { type: "string", default: "100000" },
    // 2,000 shoppers polling every 5 s (400 polls/s): what a 2-core machine serves beside the
    // database and this client on a short line (a poll's CPU grows with the line: on a line of
    // 100,000 it serves ~150/s); 100,000 pollers cannot be simulated over HTTP here, and the
    // server's database cost does not depend on them (docs/waiting-room.md#bench).
    pollers: { type: "string", default: "2000" },
    "poll-every": { type: "string", default: "5" },
    "poll-seconds": { type: "string", default: "60" },
    "short-line": { type: "string", default: "1000" },
    "overload-seconds": { type: "string", default: "5" },
    "overload-factor": { type: "string", default: "10" },
    // With the room on: how long polling goes on after the line opens to the first joiners.
    "admit-seconds": { type: "string", default: "20" },
    // With the room on: each waiting shopper polls …/queue/me this often in seconds, or as the
    // page does ("page": at its eta, 1–30 s; lib/schemas/queue.ts nextPollMs).
    "overload-poll-every": { type: "string", default: "page" },
    // An open-loop arrival's request gives up this long after it arrived (counted as a timeout).
    "timeout-seconds": { type: "string", default: "10" },
    // Connections of the open-loop arrivals (as many as a load balancer would keep to the server).
    sockets: { type: "string", default: "1024" },
    "capacity-claims": { type: "string", default: "3000" },
    // Part 3's servers: "split", the room's routes on a second instance (as deployed, the room's
    // routes are a function of their own, on instances of their own); "one", one server.
    instances: { type: "string", default: "split" },
    // Part 3's cores, when split: "split" pins the claim's instance and the database to one CPU,
    // and the room's instance and this client to the others (as deployed, the room's traffic and the
    // shoppers' browsers are not on the claim's machines); "shared" leaves every process on every
    // core, the room's instance at nice 19; "auto" splits where taskset and 2 CPUs are here.
    cores: { type: "string", default: "auto" },
    // The database: the embedded "dynalite" (as start:local), or, for part 3, AWS's "dynamodb-local"
    // (Java; scripts/fetch-dynamodb-local.sh unpacks it), which the claim's instance talks to directly.
    db: { type: "string", default: "dynalite" },
    "skip-joins": { type: "boolean", default: false }, // parts 1 and 2 left out
    "skip-overload": { type: "boolean", default: false }, // part 3 left out
    // A directory: one CPU profile of the claim's instance per part-3 phase, summarised by owner
    // (scripts/bench/profile.ts). It slows that instance down: its latencies are not the figures.
    "cpu-prof": { type: "string" },
    // The deployment's cron (the sweep) every this many seconds: 5 as start:local's sweeper; 60 as Vercel Cron.
    "sweep-every": { type: "string", default: "5" },
  },
});
const num = (name: keyof typeof values) => Number(values[name]);
const C = num("concurrency");
const JOINERS = num("joiners");
const POLLERS = num("pollers");
const POLL_EVERY_MS = num("poll-every") * 1000;
const POLL_MS = num("poll-seconds") * 1000;
const SHORT = Math.min(num("short-line"), JOINERS);
const OVERLOAD_MS = num("overload-seconds") * 1000;
const FACTOR = num("overload-factor");
const ADMIT_MS = num("admit-seconds") * 1000;
const TIMEOUT_MS = num("timeout-seconds") * 1000;
const SOCKETS = num("sockets");
if (values.instances !== "split" && values.instances !== "one")
  throw new Error(`--instances is "split" or "one", not ${values.instances}`);
const SPLIT = values.instances === "split";
if (values.db !== "dynalite" && values.db !== "dynamodb-local")
  throw new Error(`--db is "dynalite" or "dynamodb-local", not ${values.db}`);
if (values.db === "dynamodb-local" && (!values["skip-joins"] || values.instances !== "split"))
  throw new Error(
    "--db dynamodb-local runs part 3 only, split (--skip-joins, --instances split): the claim's instance's reads are not counted.",
  );
if (!(num("sweep-every") > 0))
  throw new Error(`--sweep-every is a number of seconds > 0, not ${values["sweep-every"]}`);
if (values["cpu-prof"] && values["skip-overload"])
  throw new Error("--cpu-prof profiles part 3: not with --skip-overload.");
if (!["auto", "split", "shared"].includes(values.cores!))
  throw new Error(`--cores is "auto", "split" or "shared", not ${values.cores}`);
if (!SPLIT && values.cores === "split") throw new Error("--cores split needs --instances split.");
const CPUS = allowedCpus() ?? [];
if (values.cores === "split" && CPUS.length < 2)
  throw new Error("--cores split needs taskset, pgrep and at least 2 CPUs this process may use.");
const PIN = SPLIT && values.cores !== "shared" && CPUS.length >= 2;
// The claim's instance and the database on the first; the room's instance and this client on the rest.
const CLAIM_CPUS = String(CPUS[0]);
const OTHER_CPUS = CPUS.slice(1).join(",");
const OVERLOAD_POLL_MS =
  values["overload-poll-every"] === "page" ? undefined : num("overload-poll-every") * 1000;
const pollDelay = (mine: MyQueue | undefined) => OVERLOAD_POLL_MS ?? (mine ? nextPollMs(mine) || 5000 : 1000); // no answer yet: as a new page, soon

const started = performance.now();
const log = (line: string) =>
  console.error(
    `[bench:queue ${new Date().toISOString().slice(11, 19)} +${Math.round((performance.now() - started) / 1000)}s] ${line}`,
  );
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const outcomeOf = (r: { status: number; body: unknown; error?: string }) =>
  r.status === 0 ? `NETWORK ${r.error}` : (errorCode(r.body) ?? String(r.status));

const READS = /^(GetItem|BatchGetItem|Query|Scan) /;
const WRITES = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems) /;
const sum = (counts: Record<string, number>, match: (name: string) => boolean) =>
  Object.entries(counts).reduce((n, [name, c]) => n + (match(name) ? c : 0), 0);

const loadBefore = os.loadavg();
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
const db = await startCountingDb(values.db);
const port = await freePort();
log(`database ${db.endpoint}; starting start:local on port ${port} (builds .next-bench if stale)…`);
// Two instances of one deployment share its secrets, so either verifies the other's tokens.
const secrets = {
  SESSION_SECRET: randomBytes(32).toString("hex"),
  CRON_SECRET: randomBytes(16).toString("hex"),
  DRAW_SIGNING_KEY: randomBytes(32).toString("hex"),
};
// On DynamoDB Local the claim's instance talks to it directly, as it would to DynamoDB: no
// bench-only hop in the latency measured. Part 3's counts are then the room's instance's.
const cpuProf = values["cpu-prof"];
const profiling = cpuProf ? profilingEnv(cpuProf) : {};
// The claim's instance logs its garbage collections: part 3 tells the claims that waited through one.
const gcLog = join(os.tmpdir(), `droprush-bench-gc-${process.pid}.log`);
const app = await startApp({
  dbEndpoint: db.direct ?? db.endpoint,
  port,
  extraEnv: { ...secrets, SWEEPER: "0", ...profiling, ...gcLogEnv(gcLog, profiling.NODE_OPTIONS) },
}).catch(async (err) => {
  removeGcLog(gcLog);
  await db.stop();
  throw err;
});
const client = createHttpClient({ url: app.url, sockets: 256 });
const cpu = cpuMeter({ server: app.child.pid, db: db.child.pid });
// Part 3's room instance (--instances split), started for it: parts 1 and 2 measure one server.
let roomApp: Awaited<ReturnType<typeof startApp>> | undefined;
let roomClient: HttpClient | undefined;
const quiet = createProgress(process.stderr, true);
// The deployment's cron (every --sweep-every s), on one instance: the claim's in parts 1 and 2, the
// room's in part 3 when split. Deployed, Vercel Cron calls the sweep once for the deployment, on a
// function of its own, not on every instance that serves claims.
let sweepUrl = app.url;
/** Each sweep: where it ran, its start and end (performance.now() ms; Infinity while it runs), and whether it answered 200. */
const sweeps: { url: string; from: number; to: number; ok?: boolean }[] = [];
const sweeper = setInterval(
  () => {
    const sweep: (typeof sweeps)[number] = { url: sweepUrl, from: performance.now(), to: Infinity };
    sweeps.push(sweep);
    const finish = (ok: boolean) => Object.assign(sweep, { to: performance.now(), ok });
    fetch(`${sweep.url}/api/cron/release-expired`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secrets.CRON_SECRET}` },
      signal: AbortSignal.timeout(120_000),
    }).then(
      (r) => {
        finish(r.status === 200);
        void r.body?.cancel();
      },
      () => finish(false), // its 120 s are counted as a sweep running: the server may still be at it
    );
  },
  num("sweep-every") * 1000,
);
/** The sweeps on the instance at `url`. */
const sweepStats = (url: string) => {
  const on = sweeps.filter((s) => s.url === url);
  const done = on.filter((s) => s.to < Infinity);
  return {
    count: on.length,
    ok: done.filter((s) => s.ok).length,
    latencyMs: latency(done.map((s) => s.to - s.from)),
  };
};
const sweepLine = (url: string) => {
  const s = sweepStats(url);
  return `${fmt(s.count)} sweeps there in the run (${fmt(s.ok)} answered 200), p50 ${s.latencyMs.p50} / p99 ${s.latencyMs.p99} ms`;
};
/** Did a sweep run while a request sent at `from` waited for its answer (`ms`)? */
const duringSweep = (from: number, ms: number) => sweeps.some((s) => s.from < from + ms && s.to > from);
/** With --cpu-prof, `cut` closes the claim's instance's profile of the phase that just ended. */
const { cut, phases: profiles } = phaseProfiles(cpuProf);

/** A first-come rehearsal drop (its admin-minted shoppers skip the address limits), live now. */
async function createDrop(
  name: string,
  { stock, room }: { stock: number; room?: { admitPerMinute: number } },
): Promise<string> {
  const now = Date.now();
  const r = await client.request("POST", "/api/admin/drops", {
    token: app.adminToken,
    json: {
      name: `Bench queue: ${name}`,
      description: "Created by npm run bench:queue.",
      priceCents: 0,
      totalStock: stock,
      maxPerShopper: 1,
      holdSeconds: 600,
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      listed: false,
      rehearsal: true,
      botDefence: "off",
      mode: "first-come",
      ...(room
        ? {
            waitingRoom: {
              enabled: true,
              admitPerMinute: room.admitPerMinute,
              prequeueMinutes: 0,
              passMinutes: 10,
            },
          }
        : {}),
    },
  });
  if (r.status !== 201) throw new Error(`create drop: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { drop: { id: string } }).drop.id;
}

type Phase = {
  count: number;
  seconds: number;
  perSecond: number;
  latencyMs: Latency;
  outcomes: Record<string, number>;
  cpuMsPerOp: Cpu;
};

/** Each shopper joins the drop's line once, `concurrency` at a time. */
async function joinEach(
  dropId: string,
  shoppers: Shopper[],
  concurrency: number,
  to: HttpClient = client,
): Promise<Phase> {
  const samples: { ms: number; outcome: string }[] = [];
  let next = 0;
  const stop = cpu.start();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < shoppers.length) {
        const shopper = shoppers[next++]!;
        const r = await to.request("POST", `/api/drops/${dropId}/queue`, {
          token: shopper.token,
          json: {},
        });
        samples.push({ ms: r.ms, outcome: outcomeOf(r) });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    count: samples.length,
    seconds: round(seconds),
    perSecond: Math.round(samples.length / seconds),
    latencyMs: latency(samples.map((s) => s.ms)),
    outcomes: tally(samples, (s) => s.outcome),
    cpuMsPerOp: stop(samples.length),
  };
}

/** The drop's tickets as stored: their item partitions and index partitions (a full scan). */
async function scanTickets(dropId: string) {
  const sdk = connect({ endpoint: db.endpoint, region: "us-east-1" });
  const items = new Set<string>();
  const parts = new Set<string>();
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const page = await sdk.send(
        new ScanCommand({
          TableName: process.env.DYNAMODB_TABLE || "droprush",
          FilterExpression: "begins_with(pk, :p)",
          ExpressionAttributeValues: { ":p": `QTICKET#${dropId}#` },
          ProjectionExpression: "pk, gsi1pk",
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        items.add(item.pk as string);
        parts.add(item.gsi1pk as string);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    sdk.destroy();
  }
  return { tickets: items.size, itemPartitions: items.size, indexPartitions: parts.size };
}

/** Part 1: joins, with the database writes they caused and the partitions they landed on. */
async function joins(dropId: string, shoppers: Shopper[], label: string) {
  await dbCounts(db.endpoint, true);
  const rate = await joinEach(dropId, shoppers, C);
  const lastJoinAt = Date.now();
  const counts = await dbCounts(db.endpoint);
  const writes = sum(counts, (n) => WRITES.test(n));
  const ticketWrites = sum(counts, (n) => WRITES.test(n) && n.endsWith(" QTICKET"));
  const dropWrites = sum(counts, (n) => WRITES.test(n) && n.endsWith(` DROP#${dropId}`));
  log(`${label}: ${fmt(rate.count)} joins in ${rate.seconds} s; scanning the table for their partitions…`);
  const scanned = await scanTickets(dropId);
  return {
    line: label,
    dropId,
    ...rate,
    lastJoinAt,
    dbWrites: writes,
    dbWritesPerJoin: round(writes / Math.max(1, rate.count), 3),
    ticketWritesPerJoin: round(ticketWrites / Math.max(1, rate.count), 3),
    dropPartitionWrites: dropWrites,
    ...scanned,
    dbCalls: counts,
  };
}

/** GET …/queue/me for one shopper until it has a place (the server's first read of the whole line). */
async function firstPlace(dropId: string, shopper: Shopper) {
  const t0 = performance.now();
  for (;;) {
    const r = await client.request("GET", `/api/drops/${dropId}/queue/me`, { token: shopper.token });
    if (r.status === 200 && (r.body as { position?: number }).position !== undefined)
      return { ms: round(performance.now() - t0, 0), firstAnswer: r.body };
    if (performance.now() - t0 > 120_000)
      throw new Error(`no place after 120 s: ${r.status} ${JSON.stringify(r.body)}`);
    await sleep(250);
  }
}

/** Part 2: `pollers` shoppers of the line poll …/queue/me every `everyMs`, staggered, for `durationMs`. */
async function polls(dropId: string, line: Shopper[], label: string) {
  const first = await firstPlace(dropId, line[line.length - 1]!);
  log(`${label}: the first poll with a place took ${first.ms} ms (this server reads the whole line once)`);
  await sleep(1100); // that refresh's reads out of the figures
  const pollHttp = createHttpClient({ url: app.url, sockets: Math.min(POLLERS, 4096) });
  const samples: { ms: number; outcome: string }[] = [];
  let late = 0;
  await dbCounts(db.endpoint, true);
  const stop = cpu.start();
  const t0 = performance.now();
  const end = t0 + POLL_MS;
  await Promise.all(
    Array.from({ length: POLLERS }, async (_, p) => {
      // More pollers than the line is long: some shoppers poll from several tabs (the same cost).
      const shopper = line[p % line.length]!;
      for (let tick = t0 + (p / POLLERS) * POLL_EVERY_MS; tick < end; tick += POLL_EVERY_MS) {
        const wait = tick - performance.now();
        if (wait > 0) await sleep(wait);
        else late++;
        const r = await pollHttp.request("GET", `/api/drops/${dropId}/queue/me`, { token: shopper.token });
        const body = r.body as { status?: string; position?: number } | undefined;
        samples.push({
          ms: r.ms,
          outcome: r.status === 200 ? `${body?.status}${body?.position ? "" : " (no place)"}` : outcomeOf(r),
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuMsPerOp = stop(samples.length);
  const counts = await dbCounts(db.endpoint);
  pollHttp.close();
  // The server's poll capacity: closed-loop at --concurrency for 5 s (what bounds part 3's room-on case).
  let sent = 0;
  const capT0 = performance.now();
  const capMs: number[] = [];
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (performance.now() - capT0 < 5000) {
        const r = await client.request("GET", `/api/drops/${dropId}/queue/me`, {
          token: line[sent++ % line.length]!.token,
        });
        if (r.status === 200) capMs.push(r.ms);
      }
    }),
  );
  const capacityPerSecond = Math.round(capMs.length / ((performance.now() - capT0) / 1000));
  const reads = sum(counts, (n) => READS.test(n));
  const lineReads = {
    ticketParts: sum(counts, (n) => READS.test(n) && n.endsWith(" QUEUE")),
    admissionRecord: sum(counts, (n) => READS.test(n) && n.endsWith(" QUEUESTATE")),
    dropItem: sum(counts, (n) => READS.test(n) && n.endsWith(` DROP#${dropId}`)),
    ownTicket: sum(counts, (n) => READS.test(n) && n.endsWith(" QTICKET")),
  };
  const lineTotal = Object.values(lineReads).reduce((a, b) => a + b, 0);
  return {
    line: label,
    lineLength: line.length,
    pollers: POLLERS,
    everySeconds: POLL_EVERY_MS / 1000,
    count: samples.length,
    seconds: round(seconds),
    perSecond: Math.round(samples.length / seconds),
    latencyMs: latency(samples.map((s) => s.ms)),
    outcomes: tally(samples, (s) => s.outcome),
    late,
    cpuMsPerOp,
    firstPlaceMs: first.ms,
    capacityPerSecond,
    capacityLatencyMs: latency(capMs),
    dbReads: reads,
    dbReadsPerSecond: round(reads / seconds),
    lineReadsPerSecond: round(lineTotal / seconds),
    lineReadsBySource: Object.fromEntries(Object.entries(lineReads).map(([k, v]) => [k, round(v / seconds)])),
    dbWrites: sum(counts, (n) => WRITES.test(n)),
    dbCalls: counts,
  };
}

// ---- Part 3's open-loop arrivals: their own connections, each request timed from its arrival. ----

function openLoopClient(sockets: number, url: string) {
  const base = new URL(url);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    scheduling: "fifo",
  });
  /** Sends at once; gives up at `deadline` (performance.now() ms); `ms` counts from `from`. */
  const send = (
    method: string,
    path: string,
    {
      token,
      headers = {},
      from,
      deadline,
    }: { token: string; headers?: Record<string, string>; from: number; deadline: number },
  ): Promise<HttpResult> =>
    new Promise((resolve) => {
      const payload = method === "POST" ? Buffer.from("{}") : undefined;
      const all: Record<string, string> = {
        accept: "application/json",
        authorization: `Bearer ${token}`,
        ...headers,
      };
      if (payload)
        Object.assign(all, { "content-type": "application/json", "content-length": String(payload.length) });
      const signal = AbortSignal.timeout(Math.max(1, Math.round(deadline - performance.now())));
      const done = (r: Omit<HttpResult, "ms">) => resolve({ ...r, ms: performance.now() - from });
      const req = http.request(new URL(path, base), { method, agent, headers: all, signal }, (res) =>
        readAnswer(res, done),
      );
      req.on("error", (err: NodeJS.ErrnoException) =>
        done({
          status: 0,
          body: undefined,
          error: err.name === "AbortError" ? "TIMEOUT" : (err.code ?? err.message),
        }),
      );
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

const stats = (samples: HttpResult[]) => ({
  count: samples.length,
  ok: samples.filter((s) => s.status === 200 || s.status === 201).length,
  latencyMs: latency(samples.map((s) => s.ms)),
  okLatencyMs: latency(samples.filter((s) => s.status === 200 || s.status === 201).map((s) => s.ms)),
  outcomes: tally(samples, (s) =>
    s.status === 0 ? `NETWORK ${s.error}` : (errorCode(s.body) ?? String(s.status)),
  ),
});

/** Waits until every instance answers a stock read quickly again (their backlogs of abandoned requests done). */
async function drained(dropId: string, maxMs = 120_000) {
  const t0 = performance.now();
  for (const to of [client, roomClient]) {
    while (to && performance.now() - t0 < maxMs) {
      const r = await to.request("GET", `/api/drops/${dropId}/stock?drain=${Date.now()}`);
      if (r.status === 200 && r.ms < 50) break;
      await sleep(500);
    }
  }
  return round(Math.min(maxMs, performance.now() - t0) / 1000, 1);
}

const split = (what: string, s: ReturnType<typeof bySweep>) =>
  s.duringSweeps.count === 0
    ? `none of the ${fmt(s.apart.count)} ${what}`
    : `${fmt(s.duringSweeps.count)} ${what}, p99 ${s.duringSweeps.latencyMs.p99} ms (the other ${fmt(s.apart.count)}, p99 ${s.apart.latencyMs.p99} ms)`;

/** Latency of the requests that were waiting while a sweep ran, and of the others. */
function bySweep(samples: { ms: number; inSweep: boolean }[]) {
  const part = (inSweep: boolean) => {
    const ms = samples.filter((c) => c.inSweep === inSweep).map((c) => c.ms);
    return { count: ms.length, latencyMs: latency(ms) };
  };
  return { duringSweeps: part(true), apart: part(false) };
}

const gcLine = (gc: ReturnType<typeof gcSummary>) =>
  gc.pauses === 0
    ? "no GC pause"
    : `${gc.pauses} GC pauses (${gc.major} of full collections), ${fmt(gc.totalMs)} ms, the longest ${gc.longestMs} ms`;

const gcSplit = (what: string, s: ReturnType<typeof byGc>) =>
  s.duringPauses.count === 0
    ? `none of the ${fmt(s.apart.count)} ${what}`
    : `${fmt(s.duringPauses.count)} ${what}, p99 ${s.duringPauses.latencyMs.p99} ms (the other ${fmt(s.apart.count)}, p99 ${s.apart.latencyMs.p99} ms)`;

/**
 * Each case starts from a collected heap: a case's garbage is collected in its own time, not in the
 * next one's (deployed, the room's admitted claims never meet a wave's debris).
 */
async function freshHeap() {
  if (!(await collectGarbage(gcLog)))
    log("warning: the claim's instance did not collect its heap (is its GC hook loaded?)");
}

/** A collection pause this long or longer counts as one a request waited through. */
const GC_PAUSE_MS = 20;

/** Latency of the requests that waited through a collection pause of the claim's instance, and of the others. */
function byGc(samples: { sent: number; ms: number }[], pauses: GcPause[]) {
  const part = (during: boolean) => {
    const ms = samples
      .filter((c) => pausesDuring(pauses, c.sent, c.ms, GC_PAUSE_MS).length > 0 === during)
      .map((c) => c.ms);
    return { count: ms.length, latencyMs: latency(ms) };
  };
  return { duringPauses: part(true), apart: part(false) };
}

/** Samples by the `seconds`-long window their `s` falls in, earliest first. */
function byWindow<T extends { s: number }>(samples: T[], seconds: number) {
  const windows = new Map<number, T[]>();
  for (const sample of samples) {
    const from = Math.floor(sample.s / seconds) * seconds;
    windows.set(from, [...(windows.get(from) ?? []), sample]);
  }
  return [...windows].sort(([a], [b]) => a - b).map(([fromSecond, within]) => ({ fromSecond, within }));
}

/** Opens `count` of the agent's sockets to its instance before the clock starts. */
const warmAgent = (agent: ReturnType<typeof openLoopClient>, dropId: string, count: number) =>
  Promise.all(
    Array.from({ length: count }, (_, i) =>
      agent.send("GET", `/api/drops/${dropId}/stock?warm=${i}`, {
        token: "-",
        from: performance.now(),
        deadline: performance.now() + 30_000,
      }),
    ),
  );

/** Arrival i at t0 + i / rate, for `count` arrivals; resolves once every arrival's work is done. */
async function arrivals<T>(count: number, perSecond: number, work: (i: number, at: number) => Promise<T>) {
  const t0 = performance.now() + 200;
  const out: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const at = t0 + (i / perSecond) * 1000;
    const wait = at - performance.now();
    if (wait > 4) await sleep(wait);
    out.push(work(i, at));
  }
  return Promise.all(out);
}

async function overload(shoppers: Shopper[], R: number) {
  const offered = Math.round(R * FACTOR);
  const count = Math.round((offered * OVERLOAD_MS) / 1000);
  const admitPerMinute = Math.max(1, Math.round(R * 60 * 0.5));

  // Off: every arrival claims directly.
  const offDrop = await createDrop("overload, no room", { stock: 1_000_000 });
  const off = openLoopClient(SOCKETS, app.url);
  await warmAgent(off, offDrop, Math.min(SOCKETS, 512));
  await freshHeap();
  log(
    `room off: ${fmt(count)} arrivals at ${fmt(offered)}/s for ${OVERLOAD_MS / 1000} s, each claims at once…`,
  );
  await dbCounts(db.endpoint, true);
  // Both instances' CPU, when split (the room's idles while it is off).
  const bothCpu = cpuMeter({ server: [app.child.pid, roomApp?.child.pid], db: db.child.pid });
  let stop = bothCpu.start();
  const offClaims = await arrivals(count, offered, (i, at) =>
    off.send("POST", `/api/drops/${offDrop}/claims`, {
      token: shoppers[i]!.token,
      from: at,
      deadline: at + TIMEOUT_MS,
    }),
  );
  const offCpu = stop(count);
  off.close();
  const offDrain = await drained(offDrop);
  await cut("room-off");
  log(`room off: done; the server drained its backlog ${offDrain} s after the last answer`);

  // The reference: the claim alone at the rate the room admits (R/2 a second, evenly, no room and
  // no wave), for as long as the room admits. What the room's claims would get at best here.
  const steadyDrop = await createDrop("the claim alone at R/2 a second", { stock: 1_000_000 });
  const steadyAgent = openLoopClient(256, app.url);
  await warmAgent(steadyAgent, steadyDrop, 256);
  const steadyCount = Math.min(shoppers.length, Math.round(((admitPerMinute / 60) * ADMIT_MS) / 1000));
  await freshHeap();
  log(`the claim alone: ${fmt(steadyCount)} claims at ${fmt(admitPerMinute / 60, 1)}/s, no room…`);
  const steadyClaims = await arrivals(steadyCount, admitPerMinute / 60, (i, at) =>
    steadyAgent
      .send("POST", `/api/drops/${steadyDrop}/claims`, {
        token: shoppers[i]!.token,
        from: at,
        deadline: at + TIMEOUT_MS,
      })
      .then((r) => ({ ...r, sent: at, inSweep: duringSweep(at, r.ms) })),
  );
  steadyAgent.close();
  await cut("claim-alone");

  // On: every arrival joins, polls as the page does, and claims with its pass once admitted; the
  // room's routes on the room's instance (when split), the claims on the claim's.
  const onDrop = await createDrop("overload, with a room", { stock: 1_000_000, room: { admitPerMinute } });
  const roomUrl = roomApp?.url ?? app.url;
  const joinAgent = openLoopClient(SOCKETS, roomUrl);
  const pollAgent = openLoopClient(SOCKETS, roomUrl);
  const claimAgent = openLoopClient(256, app.url); // an admitted shopper's claim waits for no poll on our side
  await Promise.all([
    warmAgent(joinAgent, onDrop, Math.min(SOCKETS, 512)),
    warmAgent(claimAgent, onDrop, 256),
  ]);
  await freshHeap();
  const endAt = performance.now() + 200 + OVERLOAD_MS + PLACED_MS + ADMIT_MS;
  log(
    `room on: ${fmt(count)} arrivals at ${fmt(offered)}/s for ${OVERLOAD_MS / 1000} s; admitting ${fmt(admitPerMinute)}/min (R/2 a second) from ${PLACED_MS / 1000} s after each join; polling ${OVERLOAD_POLL_MS ? `every ${OVERLOAD_POLL_MS / 1000} s` : "as the page does"} until ${round((endAt - performance.now()) / 1000, 0)} s from now…`,
  );
  await dbCounts(db.endpoint, true);
  stop = bothCpu.start();
  const joinsOn: HttpResult[] = [];
  const pollsOn: HttpResult[] = [];
  const claimsOn: HttpResult[] = [];
  // When each admitted claim was sent, its latency, and the part of it spent in the handler (its
  // Server-Timing total: what is left waited for the server's CPU, or for this client).
  const claimTimes: {
    s: number;
    sent: number;
    ms: number;
    handlerMs?: number;
    dbMs?: number;
    inSweep: boolean;
  }[] = [];
  let admitted = 0;
  // This client's own event-loop delay: an answer read late counts in its latency.
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const onT0 = performance.now();
  await arrivals(count, offered, async (i, at) => {
    const token = shoppers[i]!.token;
    const joined = await joinAgent.send("POST", `/api/drops/${onDrop}/queue`, {
      token,
      from: at,
      deadline: at + TIMEOUT_MS,
    });
    joinsOn.push(joined);
    if (joined.status !== 201 && joined.status !== 200) return;
    // As the page does: each poll carries the join's signed ticket (no read until a place shows).
    const ticket = (joined.body as { ticket?: { token?: string } }).ticket?.token;
    const pollHeaders: Record<string, string> = ticket ? { [QUEUE_TICKET_HEADER]: ticket } : {};
    let mine: MyQueue | undefined;
    for (let tick = performance.now() + pollDelay(mine); tick < endAt; tick += pollDelay(mine)) {
      await sleep(tick - performance.now());
      const from = performance.now();
      const polled = await pollAgent.send("GET", `/api/drops/${onDrop}/queue/me`, {
        token,
        headers: pollHeaders,
        from,
        deadline: from + TIMEOUT_MS,
      });
      pollsOn.push(polled);
      if (polled.status === 200) mine = polled.body as MyQueue;
      // As the page does: a pass handed out ahead is used at its turn, timed from the answer.
      const pass = mine?.pass ?? mine?.next;
      if (polled.status === 200 && pass) {
        const wait = mine?.next?.inMs ?? 0;
        if (performance.now() + wait > endAt) return; // a turn after the watch
        admitted++;
        await sleep(wait);
        const sent = performance.now();
        const claimed = await claimAgent.send("POST", `/api/drops/${onDrop}/claims`, {
          token,
          headers: { "x-queue-pass": pass.token },
          from: sent,
          deadline: sent + TIMEOUT_MS,
        });
        claimsOn.push(claimed);
        claimTimes.push({
          s: (sent - onT0) / 1000,
          sent,
          ms: claimed.ms,
          handlerMs: claimed.serverTiming?.total,
          dbMs: claimed.serverTiming?.db,
          inSweep: duringSweep(sent, claimed.ms),
        });
        return;
      }
      if (performance.now() > tick + pollDelay(mine)) tick = performance.now() - pollDelay(mine) + 1; // late: the next one a period on
    }
  });
  const onCpu = stop(count);
  clientLag.disable();
  await cut("room-on");
  const onCounts = await dbCounts(db.endpoint);
  joinAgent.close();
  pollAgent.close();
  claimAgent.close();
  const offStats = stats(offClaims);
  const onClaims = stats(claimsOn);
  await sleep(1000); // the hook's last lines
  const pauses = readGcPauses(gcLog);
  return {
    instances: roomApp ? "split" : "one",
    cores: PIN
      ? `claim's instance and database on CPU ${CLAIM_CPUS}; room's instance and client on ${OTHER_CPUS}`
      : "shared",
    capacityPerSecond: R,
    offeredPerSecond: offered,
    arrivals: count,
    seconds: OVERLOAD_MS / 1000,
    timeoutSeconds: TIMEOUT_MS / 1000,
    off: { claims: offStats, cpuMsPerArrival: offCpu, drainSeconds: offDrain },
    steady: {
      perSecond: round(admitPerMinute / 60, 1),
      claims: stats(steadyClaims),
      handlerMs: latency(steadyClaims.flatMap((c) => c.serverTiming?.total ?? [])),
      dbMs: latency(steadyClaims.flatMap((c) => c.serverTiming?.db ?? [])),
      bySweep: bySweep(steadyClaims),
      byGc: byGc(steadyClaims, pauses),
    },
    on: {
      admitPerMinute,
      pollEverySeconds: OVERLOAD_POLL_MS === undefined ? "page" : OVERLOAD_POLL_MS / 1000,
      watchedSeconds: round((OVERLOAD_MS + PLACED_MS + ADMIT_MS) / 1000, 0),
      joins: stats(joinsOn),
      polls: stats(pollsOn),
      admitted,
      claims: onClaims,
      // The admitted claims' latency by when they were sent (10 s windows from the first arrival).
      claimsBy10s: byWindow(claimTimes, 10).map(({ fromSecond, within }) => ({
        fromSecond,
        count: within.length,
        // The most claims sent in one second of it (admission lets in R/2 a second): a burst.
        peakPerSecond: Math.max(...byWindow(within, 1).map((w) => w.within.length)),
        latencyMs: latency(within.map((c) => c.ms)),
        handlerMs: latency(within.flatMap((c) => (c.handlerMs === undefined ? [] : [c.handlerMs]))),
        // Of which waiting on the database (its calls, retries included).
        dbMs: latency(within.flatMap((c) => (c.dbMs === undefined ? [] : [c.dbMs]))),
        // The claim's instance's collections in it.
        gc: gcSummary(pauses, onT0 + fromSecond * 1000, onT0 + (fromSecond + 10) * 1000),
      })),
      bySweep: bySweep(claimTimes),
      byGc: byGc(claimTimes, pauses),
      clientLagMs: {
        p50: round(clientLag.percentile(50) / 1e6, 1),
        p99: round(clientLag.percentile(99) / 1e6, 1),
        max: round(clientLag.max / 1e6, 1),
      },
      cpuMsPerArrival: onCpu,
      // Both instances' on dynalite; on DynamoDB Local, the room's instance's only.
      dbReads: sum(onCounts, (n) => READS.test(n)),
      dbWrites: sum(onCounts, (n) => WRITES.test(n)),
    },
    goal: { p99Ms: 300, met: onClaims.count > 0 && onClaims.latencyMs.p99 <= 300 },
  };
}

// ---- The run ----

/** A row for the JSON without its per-key call counts (the last row's are printed on their own). */
const withoutCalls = <T extends { dbCalls: unknown }>(row: T): Omit<T, "dbCalls"> => {
  const copy: Partial<T> = { ...row };
  delete copy.dbCalls;
  return copy as Omit<T, "dbCalls">;
};

const results: Record<string, unknown> = {
  machine,
  db: values.db,
  date: new Date().toISOString(),
  concurrency: C,
};
try {
  const overloadGuess = Math.round(400 * FACTOR * (OVERLOAD_MS / 1000)); // grown once R is known
  const needed = values["skip-joins"] ? Math.max(num("capacity-claims"), overloadGuess) : JOINERS;
  log(`minting ${fmt(needed)} rehearsal shoppers (admin-minted: no address limit on rehearsal drops)…`);
  let t = performance.now();
  let shoppers = await mintShoppers(client, needed, C, quiet, app.adminToken);
  results.mintPerSecond = Math.round(needed / ((performance.now() - t) / 1000));
  log(`minted at ${results.mintPerSecond}/s; warming up (JIT, route modules, sockets)…`);
  const warm = await createDrop("warm-up", { stock: 100_000, room: { admitPerMinute: 1 } });
  const warmNoRoom = await createDrop("warm-up, no room", { stock: 100_000 });
  await warmSockets(client, warm, 256);
  await joinEach(warm, shoppers.slice(0, 600), C);
  await claimEach(client, { dropId: warmNoRoom, shoppers: shoppers.slice(0, 600), concurrency: C });

  const rendered: string[] = [];
  if (!values["skip-joins"]) {
    // Part 1: the short line first, so it has settled by the time the full one has.
    const shortDrop = await createDrop(`${SHORT} in line`, { stock: 1000, room: { admitPerMinute: 1 } });
    const fullDrop = await createDrop(`${JOINERS} in line`, { stock: 1000, room: { admitPerMinute: 1 } });
    log(`part 1: ${fmt(SHORT)} joins, then ${fmt(JOINERS)} joins, at concurrency ${C}…`);
    const short = await joins(shortDrop, shoppers.slice(0, SHORT), `${fmt(SHORT)} shoppers`);
    const full = await joins(fullDrop, shoppers, `${fmt(JOINERS)} shoppers`);
    results.joins = [short, full].map(withoutCalls);
    results.joinDbCalls = full.dbCalls;
    rendered.push(
      [
        `\n### Part 1: joins (POST …/queue) · concurrency ${C} · rehearsal drop, botDefence off, admitPerMinute 1\n`,
        "| line | joins | joins/s | p50 ms | p99 ms | DB writes/join | ticket Puts/join | writes to DROP#<id> | ticket item partitions | index partitions (gsi1pk) | server CPU ms/join | db CPU ms/join | answers |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ...[short, full].map(
          (j) =>
            `| ${j.line} | ${fmt(j.count)} | ${fmt(j.perSecond)} | ${j.latencyMs.p50} | ${j.latencyMs.p99} | ${j.dbWritesPerJoin} | ${j.ticketWritesPerJoin} | ${j.dropPartitionWrites} | ${fmt(j.itemPartitions)} | ${j.indexPartitions} | ${j.cpuMsPerOp.server} | ${j.cpuMsPerOp.db} | ${Object.entries(
              j.outcomes,
            )
              .map(([k, v]) => `${k} ×${fmt(v)}`)
              .join(", ")} |`,
        ),
      ].join("\n"),
    );
    console.log(rendered.at(-1));

    // Part 2: polls, once every ticket has settled.
    const settleWait = full.lastJoinAt + PLACED_MS + 1500 - Date.now();
    if (settleWait > 0) {
      log(
        `part 2: waiting ${round(settleWait / 1000, 0)} s for the last tickets to be placed (PLACED_MS ${PLACED_MS / 1000} s)…`,
      );
      await sleep(settleWait);
    }
    const pollRows = [];
    for (const [dropId, line, label] of [
      [shortDrop, shoppers.slice(0, SHORT), `${fmt(SHORT)} in line`],
      [fullDrop, shoppers, `${fmt(JOINERS)} in line`],
    ] as const) {
      log(
        `part 2: ${label}, ${fmt(POLLERS)} pollers every ${POLL_EVERY_MS / 1000} s for ${POLL_MS / 1000} s…`,
      );
      pollRows.push(await polls(dropId, line, label));
    }
    results.polls = pollRows.map(withoutCalls);
    results.pollDbCalls = pollRows.at(-1)?.dbCalls;
    rendered.push(
      [
        `\n### Part 2: polls (GET …/queue/me) · ${fmt(POLLERS)} pollers, each every ${POLL_EVERY_MS / 1000} s, for ${POLL_MS / 1000} s · one server\n`,
        `| line | polls | polls/s | p50 ms | p99 ms | late | DB reads/s (all) | the line's reads/s | of which: ticket-part queries · admission record · drop item · own ticket | first poll with a place ms | server CPU ms/poll | capacity polls/s (c=${C}) | answers |`,
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
        ...pollRows.map((p) => {
          const s = p.lineReadsBySource;
          return `| ${p.line} | ${fmt(p.count)} | ${fmt(p.perSecond)} | ${p.latencyMs.p50} | ${p.latencyMs.p99} | ${fmt(p.late)} | ${p.dbReadsPerSecond} | ${p.lineReadsPerSecond} | ${s.ticketParts} · ${s.admissionRecord} · ${s.dropItem} · ${s.ownTicket} | ${fmt(p.firstPlaceMs)} | ${p.cpuMsPerOp.server} | ${fmt(p.capacityPerSecond)} | ${Object.entries(
            p.outcomes,
          )
            .map(([k, v]) => `${k} ×${fmt(v)}`)
            .join(", ")} |`;
        }),
        "",
        "Goal: ≤ 2 database reads a second per server, whatever the line's length and the number of pollers.",
        ...pollRows.map(
          (p) =>
            `  ${p.line}: ${p.lineReadsPerSecond} reads/s for the line (${p.dbReadsPerSecond} in all, the sweeper's included): ${p.lineReadsPerSecond <= 2 ? "meets" : "MISSED"}`,
        ),
      ].join("\n"),
    );
    console.log(rendered.at(-1));
  }

  if (!values["skip-overload"]) {
    // Part 3: the claim route's capacity R, then 10·R arrivals a second, room off vs on.
    if (SPLIT) {
      roomApp = await startApp({
        dbEndpoint: db.endpoint,
        port: await freePort(port + 1),
        extraEnv: { ...secrets, SWEEPER: "0" },
        adminToken: app.adminToken,
        nice: PIN ? undefined : 19,
      });
      if (PIN) {
        pinToCpus(app.child.pid!, CLAIM_CPUS, { group: true });
        pinToCpus(db.child.pid!, CLAIM_CPUS, { group: true });
        pinToCpus(roomApp.child.pid!, OTHER_CPUS, { group: true });
        pinToCpus(process.pid, OTHER_CPUS);
      }
      roomClient = createHttpClient({ url: roomApp.url, sockets: 256 });
      sweepUrl = roomApp.url;
      log(
        `part 3: the room's instance on ${roomApp.url}, ${PIN ? `pinned to CPU ${OTHER_CPUS} with this client; the claim's instance and the database to CPU ${CLAIM_CPUS}` : "at nice 19"}; warming it up…`,
      );
      await warmSockets(roomClient, warm, 256);
      await joinEach(warm, shoppers.slice(600, 1200), C, roomClient);
      for (const s of shoppers.slice(600, 664))
        await roomClient.request("GET", `/api/drops/${warm}/queue/me`, { token: s.token });
    }
    await cut(values["skip-joins"] ? "start-and-warm-up" : "start-to-part-2");
    const capacityClaims = Math.min(num("capacity-claims"), shoppers.length);
    const capacityDrop = await createDrop("capacity", { stock: 1_000_000 });
    log(`part 3: the claim's capacity: ${fmt(capacityClaims)} claims at concurrency ${C}, no room…`);
    const stop = cpu.start();
    const capacity = await claimEach(client, {
      dropId: capacityDrop,
      shoppers: shoppers.slice(0, capacityClaims),
      concurrency: C,
    });
    const capacityCpu = stop(capacity.count);
    const R = capacity.perSecond;
    const arrivalsNeeded = Math.round(R * FACTOR * (OVERLOAD_MS / 1000));
    if (shoppers.length < arrivalsNeeded) {
      log(
        `minting ${fmt(arrivalsNeeded - shoppers.length)} more shoppers for ${fmt(arrivalsNeeded)} arrivals…`,
      );
      t = performance.now();
      shoppers = [
        ...shoppers,
        ...(await mintShoppers(client, arrivalsNeeded - shoppers.length, C, quiet, app.adminToken)),
      ];
    }
    await drained(capacityDrop);
    await cut("capacity-and-minting");
    const o = await overload(shoppers, R);
    results.capacity = { ...capacity, cpuMsPerOp: capacityCpu };
    results.overload = o;
    const row = (label: string, s: ReturnType<typeof stats>, gotIn: string, extra: string) =>
      `| ${label} | ${fmt(s.count)} | ${fmt(s.ok)} | ${gotIn} | ${s.latencyMs.p50} | ${s.latencyMs.p99} | ${s.okLatencyMs.p99} | ${Object.entries(
        s.outcomes,
      )
        .map(([k, v]) => `${k} ×${fmt(v)}`)
        .join(", ")} | ${extra} |`;
    rendered.push(
      [
        `\n### Part 3: the claim at ${FACTOR}× its capacity · capacity R = ${fmt(R)} claims/s (c=${C}, p50 ${capacity.latencyMs.p50} ms, p99 ${capacity.latencyMs.p99} ms) · ${fmt(o.offeredPerSecond)} arrivals/s for ${o.seconds} s (${fmt(o.arrivals)}), open-loop, each request given up ${o.timeoutSeconds} s after its arrival · ${o.instances === "one" ? "one instance" : PIN ? `room on: its routes on an instance of their own; cores: ${o.cores}` : "room on: its routes on an instance of their own at nice 19 (what the claim's instance, the database and the client leave of the cores)"}\n`,
        "| case | claims sent | claims won | got in | p50 ms | p99 ms | p99 of the won ms | answers | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
        row(
          "room off: every arrival claims at once (from its arrival)",
          o.off.claims,
          `${fmt(o.off.claims.ok)} of ${fmt(o.arrivals)}`,
          `the server's backlog took ${o.off.drainSeconds} s more to drain`,
        ),
        row(
          `room on: admitted shoppers' claims (admitPerMinute ${fmt(o.on.admitPerMinute)}, polls every ${o.on.pollEverySeconds} s)`,
          o.on.claims,
          `${fmt(o.on.admitted)} admitted in ${o.on.watchedSeconds} s; ${fmt(o.on.joins.ok)} of ${fmt(o.arrivals)} joined`,
          `joins p50 ${o.on.joins.latencyMs.p50} / p99 ${o.on.joins.latencyMs.p99} ms (${Object.entries(
            o.on.joins.outcomes,
          )
            .map(([k, v]) => `${k} ×${fmt(v)}`)
            .join(
              ", ",
            )}); ${fmt(o.on.polls.count)} polls, p50 ${o.on.polls.latencyMs.p50} / p99 ${o.on.polls.latencyMs.p99} ms`,
        ),
        "",
        `Room on (admitting ${fmt(o.on.admitPerMinute / 60, 1)} a second), the admitted claims by when they were sent (from the first arrival): ${o.on.claimsBy10s
          .map(
            (w) =>
              `${w.fromSecond}–${w.fromSecond + 10} s: ${fmt(w.count)} (at most ${fmt(w.peakPerSecond)} in a second), p50 ${w.latencyMs.p50} / p99 ${w.latencyMs.p99} ms (in the handler p99 ${w.handlerMs.p99} ms, of which on the database p99 ${w.dbMs.p99} ms; ${gcLine(w.gc)})`,
          )
          .join("; ")}. This client's event-loop delay: p99 ${o.on.clientLagMs.p99} ms.`,
        "",
        `The claim alone at the same rate (${fmt(o.steady.perSecond, 1)} a second, evenly, no room): ${fmt(o.steady.claims.ok)} of ${fmt(o.steady.claims.count)} won, p50 ${o.steady.claims.latencyMs.p50} / p99 ${o.steady.claims.latencyMs.p99} ms (in the handler p99 ${o.steady.handlerMs.p99} ms, of which on the database p99 ${o.steady.dbMs.p99} ms): what the room's claims would get at best on this machine.`,
        "",
        `The deployment's cron, the sweep, every ${num("sweep-every")} s on the ${roomApp ? "room's" : "claim's"} instance: ${sweepLine(sweepUrl)}. Waiting while a sweep ran: ${split("admitted claims", o.on.bySweep)}; ${split("claims of the claim alone", o.steady.bySweep)}.`,
        "",
        gcHooked(gcLog)
          ? `Waiting through a garbage collection of the claim's instance (a pause of ${GC_PAUSE_MS} ms or more): ${gcSplit("admitted claims", o.on.byGc)}; ${gcSplit("claims of the claim alone", o.steady.byGc)}.`
          : "The claim's instance logged no garbage collection: its hook (scripts/bench/gc-hook.mjs) did not load.",
        "",
        `Goal: admitted shoppers' claims p99 ≤ 300 ms with the room on: ${o.goal.met ? "meets" : "MISSED"} (p99 ${o.on.claims.latencyMs.p99} ms, on ${machine}).`,
      ].join("\n"),
    );
    console.log(rendered.at(-1));
  }
  if (profiles.length) {
    // Summed now, not between phases: source maps and big JSON, on the room's CPU.
    const summed = profiles.map((p) => ({ ...p, msByOwner: summarizeProfile(p.file) }));
    results.profiles = summed;
    console.log(
      [
        `\n### The claim's instance's CPU by owner, ms per second of each phase (--cpu-prof ${cpuProf})\n`,
        ...summed.map(
          (p) =>
            `- ${p.label} (${p.seconds} s): ${Object.entries(p.msByOwner)
              .filter(([owner]) => owner !== "idle")
              .map(([owner, ms]) => `${owner} ${Math.round(ms / p.seconds)}`)
              .join(", ")}`,
        ),
      ].join("\n"),
    );
  }
  results.sweeps = { everySeconds: num("sweep-every"), on: sweepUrl, ...sweepStats(sweepUrl) };
  results.loadBefore = loadBefore;
  results.loadAfter = os.loadavg();
  results.seconds = Math.round((performance.now() - started) / 1000);
  console.log(
    `\nWaiting room · ${machine} · database: ${values.db} · ${results.date} · load ${loadBefore.map((l) => l.toFixed(2)).join(" ")} → ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} · ${results.seconds} s\n`,
  );
  console.log(JSON.stringify(results, null, 2));
} finally {
  clearInterval(sweeper);
  client.close();
  roomClient?.close();
  log("stopping start:local and the database…");
  try {
    await roomApp?.stop();
    await app.stop();
    await db.stop();
  } finally {
    removeGcLog(gcLog); // once the hook has stopped writing
  }
}
