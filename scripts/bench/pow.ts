// The bench's proof-of-work section (issue 12): the difficulty curve in seconds of real solvers,
// what checking a solution costs the server, what a bot farm pays per unit, and the database
// calls of a guest's challenge → solve → claim against the real app, beside a rehearsal shopper's.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Shopper } from "@/lib/schemas/claim";
import { pool } from "@/lib/race/plan";
import { fmt, latency, tally, type Latency } from "@/lib/race/stats";
import { env } from "@/lib/env";
import { CALM_MAX_NUMBER, maxNumberFor } from "@/lib/security/pow-difficulty";
import type { AltchaChallenge } from "@/lib/security/pow";
import { createHttpClient, errorCode, type HttpClient, type HttpResult } from "../race/http-pool";
import { createProgress } from "../race/progress";
import { createRaceDrop, mintShoppers } from "../race/setup";
import { cpuMeter, type Cpu } from "./cpu";
import * as rates from "./pow-rates";
import { dbCounts, freePort, startApp } from "./servers";

const PRESSURES = [0.5, 1, 2, 5, 10, 20, 50, 100];
/** No phone is measured: its rate is assumed, a third of this machine's Chromium, and printed as an assumption. */
const PHONE_SHARE = 1 / 3;

type Calls = Record<
  "rateLimit" | "pow" | "shopperItems" | "dropReads" | "dropWrites" | "attempts" | "other",
  number
>;
export type PathPhase = {
  requests: number;
  seconds: number;
  /** 2xx answers: challenges given, claims won. */
  ok: number;
  outcomes: Record<string, number>;
  latencyMs: Latency;
  cpuMsPerRequest: Cpu;
  calls: Calls;
  dbCalls: Record<string, number>;
};

export type PowSection = {
  loadBefore: number[];
  loadAfter: number[];
  hardest: number;
  native: rates.SolveRate;
  altchaLib: rates.SolveRate;
  chromium: rates.SolveRate | { skipped: string };
  /** Hashes/s assumed for a phone (PHONE_SHARE of the Chromium rate); null without Chromium. */
  phone: number | null;
  curve: {
    pressure: number;
    maxNumber: number;
    expectedHashes: number;
    seconds: Record<string, number | null>;
  }[];
  verification: rates.Verification;
  farm: { cpuSecondsPerUnit: number; solvesPerSecondPerCore: number };
  guestPath: Awaited<ReturnType<typeof guestPath>>;
};

export async function benchPow({
  dbEndpoint,
  dbPid,
  concurrency = 16,
  guests = 300,
  log,
}: {
  dbEndpoint: string;
  dbPid?: number;
  /** Requests in flight on the guest path: low, so its latencies are the server's, not a queue's. */
  concurrency?: number;
  guests?: number;
  log: (line: string) => void;
}): Promise<PowSection> {
  // lib/security/pow.ts runs in this process, as in the tests: it needs the secrets lib/env.ts
  // asks for (the bench's apps get their own ADMIN_TOKEN; a SESSION_SECRET set here is theirs too).
  process.env.ADMIN_TOKEN ||= `bench-${randomBytes(16).toString("hex")}`;
  process.env.SESSION_SECRET ||= randomBytes(32).toString("hex");
  const loadBefore = os.loadavg();
  const hardest = env().POW_MAX_NUMBER;
  log(`pow: native SHA-256, 50 real challenges of maxNumber ${fmt(hardest)}…`);
  const native = await rates.nativeRate(50, hardest);
  log("pow: altcha-lib solveChallenge in Node, 3 s…");
  const altchaLib = await rates.altchaLibRate(10_000, 3000);
  log("pow: the page's solver in Chromium on http://127.0.0.1, 3 s…");
  const chromium = await rates.chromiumRate(10_000, 3000);
  log("pow: checkSolution on 2,000 solved payloads…");
  const verification = await rates.verification(2000, CALM_MAX_NUMBER);

  const phone = "hashesPerSecond" in chromium ? Math.round(chromium.hashesPerSecond * PHONE_SHARE) : null;
  const perSecond: Record<string, number | null> = {
    native: native.hashesPerSecond,
    altchaLib: altchaLib.hashesPerSecond,
    phone,
  };
  const curve = PRESSURES.map((pressure) => {
    const maxNumber = maxNumberFor(pressure, hardest);
    const expectedHashes = maxNumber / 2;
    const seconds = Object.fromEntries(
      Object.entries(perSecond).map(([k, r]) => [
        k,
        r ? Math.round((expectedHashes / r) * 1000) / 1000 : null,
      ]),
    );
    return { pressure, maxNumber, expectedHashes, seconds };
  });
  const guestRun = await guestPath({ dbEndpoint, dbPid, guests, concurrency, log });
  return {
    loadBefore,
    loadAfter: os.loadavg(),
    hardest,
    native,
    altchaLib,
    chromium,
    phone,
    curve,
    verification,
    farm: {
      cpuSecondsPerUnit: Math.round((hardest / 2 / native.hashesPerSecond) * 1000) / 1000,
      solvesPerSecondPerCore: Math.round((native.solves / native.seconds) * 10) / 10,
    },
    guestPath: guestRun,
  };
}

/** The database calls of one phase by kind of item; `dropId`'s own item (and shards) apart. */
function byKind(counts: Record<string, number>, dropId: string): Calls {
  const calls: Calls = {
    rateLimit: 0,
    pow: 0,
    shopperItems: 0,
    dropReads: 0,
    dropWrites: 0,
    attempts: 0,
    other: 0,
  };
  for (const [name, n] of Object.entries(counts)) {
    const [op = "", ...rest] = name.split(" ");
    const label = rest.join(" ");
    const kind: keyof Calls = label.startsWith("RATE")
      ? "rateLimit"
      : label.startsWith("POW")
        ? "pow"
        : /^(SLOT|CLAIM|IDEM)$/.test(label)
          ? "shopperItems"
          : label === `DROP#${dropId}`
            ? /^(Update|Put|Delete|TransactWrite|BatchWrite)/.test(op)
              ? "dropWrites"
              : "dropReads"
            : label.includes("ATTEMPTS") // the once-a-second flush of the attempt counters
              ? "attempts"
              : "other";
    calls[kind] += n;
  }
  return calls;
}

/** Sends one request per item at `concurrency`, with the database calls and CPU it caused. */
async function measure<T>(
  ctx: { dbEndpoint: string; cpu: ReturnType<typeof cpuMeter>; dropId: string; concurrency: number },
  items: readonly T[],
  send: (item: T, i: number) => Promise<HttpResult>,
): Promise<{ phase: PathPhase; results: HttpResult[] }> {
  await dbCounts(ctx.dbEndpoint, true);
  const stop = ctx.cpu.start();
  const started = performance.now();
  const results = await pool(items, ctx.concurrency, send);
  const seconds = Math.round(performance.now() - started) / 1000;
  const cpuMsPerRequest = stop(results.length);
  const dbCalls = await dbCounts(ctx.dbEndpoint);
  const phase: PathPhase = {
    requests: results.length,
    seconds,
    ok: results.filter((r) => r.status >= 200 && r.status < 300).length,
    outcomes: tally(results, (r) =>
      r.status === 0 ? `NETWORK ${r.error}` : (errorCode(r.body) ?? String(r.status)),
    ),
    latencyMs: latency(results.map((r) => r.ms)),
    cpuMsPerRequest,
    calls: byKind(dbCalls, ctx.dropId),
    dbCalls,
  };
  return { phase, results };
}

const drop = async (http: HttpClient, adminToken: string, stock: number) => {
  const d = await createRaceDrop(http, { adminToken, stock, maxPerShopper: 1, startsAt: Date.now() - 1000 });
  if (d.botDefence !== "pow")
    throw new Error(`The bench's drop has botDefence "${d.botDefence}", not "pow".`);
  await http.request("GET", `/api/drops/${d.id}/stock`); // the drop in the server's cache
  return d.id;
};

/** A setup phase the rest depends on: every request answered 2xx, or the bench stops here. */
function allAnswered(phase: PathPhase, what: string) {
  if (phase.ok !== phase.requests) throw new Error(`${what} failed: ${JSON.stringify(phase.outcomes)}`);
}

/**
 * Guests on an app behind a trusted proxy (TRUST_PROXY=1, each request with its x-forwarded-for):
 * mint, fetch a challenge, solve it natively, claim with X-Altcha. `perAddress` guests share an
 * address, well under the default mint and claim limits. Then rehearsal shoppers on a drop alike.
 * Stock is three times the guests, so the drop stays calm (pressure ≤ 1/2: the easiest challenge).
 */
async function guestPath({
  dbEndpoint,
  dbPid,
  guests: n,
  perAddress = 10,
  concurrency,
  log,
}: {
  dbEndpoint: string;
  dbPid?: number;
  guests: number;
  perAddress?: number;
  concurrency: number;
  log: (line: string) => void;
}) {
  log(`pow: guest path on its own start:local (TRUST_PROXY=1), ${n} guests, ${perAddress} per address…`);
  const app = await startApp({
    dbEndpoint,
    port: await freePort(3400, 3499),
    extraEnv: { TRUST_PROXY: "1" },
  });
  log(`pow: app up on ${app.url}; warm-up, then guests and rehearsal shoppers…`);
  const http = createHttpClient({ url: app.url, sockets: concurrency });
  const cpu = cpuMeter({ server: app.child.pid, db: dbPid });
  const address = (i: number) => {
    const a = Math.floor(i / perAddress) + 1;
    return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`;
  };
  const xff = (i: number) => ({ "x-forwarded-for": address(i) });
  try {
    const run = async (count: number, first: number, ctx: Omit<Parameters<typeof measure>[0], "dropId">) => {
      const at = (i: number) => first + i;
      const mint = await measure({ ...ctx, dropId: "-" }, Array.from({ length: count }), (_, i) =>
        http.request("POST", "/api/shoppers", { json: {}, headers: xff(at(i)) }),
      );
      allAnswered(mint.phase, "POST /api/shoppers");
      const shoppers = mint.results.map((r) => r.body as Shopper);
      const dropId = await drop(http, app.adminToken, count * 3);
      const challenge = await measure({ ...ctx, dropId }, shoppers, (s, i) =>
        http.request("GET", `/api/drops/${dropId}/challenge`, { token: s.token, headers: xff(at(i)) }),
      );
      allAnswered(challenge.phase, "GET /api/drops/{id}/challenge");
      const got = challenge.results.map((r) => r.body as AltchaChallenge);
      const t = performance.now();
      const headers = got.map((c) => rates.altchaHeader(c, rates.solveNative(c)));
      const solveSeconds = (performance.now() - t) / 1000;
      const claims = await measure({ ...ctx, dropId }, shoppers, (s, i) =>
        http.request("POST", `/api/drops/${dropId}/claims`, {
          token: s.token,
          headers: { ...xff(at(i)), "x-altcha": headers[i] ?? "" },
        }),
      );
      return { mint, challenge, claims, maxNumbers: tally(got, (c) => String(c.maxnumber)), solveSeconds };
    };
    const rehearsal = async (count: number, ctx: Omit<Parameters<typeof measure>[0], "dropId">) => {
      const shoppers = await mintShoppers(
        http,
        count,
        ctx.concurrency,
        createProgress(process.stderr, true),
        app.adminToken,
      );
      const dropId = await drop(http, app.adminToken, count * 3);
      return measure({ ...ctx, dropId }, shoppers, (s, i) =>
        http.request("POST", `/api/drops/${dropId}/claims`, { token: s.token, headers: xff(i) }),
      );
    };
    const ctx = { dbEndpoint, cpu, concurrency };
    await run(50, 1_000_000, ctx); // warm-up (route modules, JIT, sockets), on addresses of its own
    await rehearsal(50, ctx);
    log(`pow: ${n} guests: mint, challenge, solve, claim…`);
    const guest = await run(n, 0, ctx);
    log(`pow: ${n} rehearsal shoppers: mint, claim…`);
    const rehearsed = await rehearsal(n, ctx);
    return {
      guests: n,
      perAddress,
      addresses: Math.ceil(n / perAddress),
      concurrency,
      maxNumbers: guest.maxNumbers,
      solveSeconds: Math.round(guest.solveSeconds * 1000) / 1000,
      mint: guest.mint.phase,
      challenge: guest.challenge.phase,
      guestClaims: guest.claims.phase,
      rehearsalClaims: rehearsed.phase,
    };
  } finally {
    http.close();
    await app.stop();
  }
}
