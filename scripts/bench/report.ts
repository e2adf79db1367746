// The bench's table: each figure beside its target from issue 5, and the CPU per operation that bounds it.
import { fmt } from "@/lib/race/stats";
import type { Cpu } from "./cpu";
import type { Rate } from "./phases";
import type { PathPhase as PowPathPhase, PowSection } from "./pow";
import type { SolveRate } from "./pow-rates";

type Measured = Rate & { cpuMsPerOp: Cpu; dbCalls?: Record<string, number> };
type Claims = Measured & { dbCallsPerClaim: number; dropWrites: number; writesAfterSellOut: number };

export type BenchResult = {
  machine: {
    date: string;
    node: string;
    cpus: number;
    cpuModel: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  concurrency: number;
  raw: Measured;
  win: Claims;
  winKeyed: Claims;
  soldOut: Claims;
  raceC: Claims;
  race: Claims;
  latency256: Claims;
  polling: Measured & { late: number; itemReads: number; dropReads: number };
  profiles?: Record<string, Record<string, number>>; // phase → owner → ms of server CPU (with --cpu-prof)
};

const verdict = (ok: boolean, how: string) => `${ok ? "meets" : "MISSES"} (${how})`;
const cpu = (m: Measured) =>
  `${m.cpuMsPerOp.server.toFixed(2)} / ${m.cpuMsPerOp.db.toFixed(2)} / ${m.cpuMsPerOp.client.toFixed(2)}`;

export function renderBench(r: BenchResult): string {
  const winRatio = r.win.perSecond / r.raw.perSecond;
  const soldRatio = r.soldOut.perSecond / r.win.perSecond;
  const readsPerSec = r.polling.dropReads / r.polling.seconds;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const rows: string[][] = [
    ["measure", "figure", "target", "verdict", "CPU ms/op server / db / client"],
    [
      `raw UpdateItem, SDK client, c=${r.concurrency}`,
      `${fmt(r.raw.perSecond)} /s`,
      "the ceiling",
      "-",
      cpu(r.raw),
    ],
    [
      `win path, c=${r.concurrency}`,
      `${fmt(r.win.perSecond)} claims/s`,
      `≥ 1/3 raw = ${fmt(r.raw.perSecond / 3)}`,
      verdict(winRatio >= 1 / 3, `${winRatio.toFixed(2)}× raw`),
      cpu(r.win),
    ],
    ["  DB calls per win", fmt(r.win.dbCallsPerClaim, 2), "3 writes", "-", ""],
    [
      "win path with Idempotency-Key",
      `${fmt(r.winKeyed.perSecond)} claims/s`,
      "-",
      `${(r.winKeyed.perSecond / r.raw.perSecond).toFixed(2)}× raw, ${fmt(r.winKeyed.dbCallsPerClaim, 2)} DB calls/win`,
      cpu(r.winKeyed),
    ],
    [
      `sold-out path, c=${r.concurrency}`,
      `${fmt(r.soldOut.perSecond)} claims/s`,
      `≥ 3× win = ${fmt(r.win.perSecond * 3)}`,
      verdict(soldRatio >= 3, `${soldRatio.toFixed(2)}× win`),
      cpu(r.soldOut),
    ],
    [
      "  drop-item writes while sold out",
      fmt(r.soldOut.dropWrites),
      "0",
      verdict(r.soldOut.dropWrites === 0, `${fmt(r.soldOut.dbCallsPerClaim, 4)} DB calls per claim`),
      "",
    ],
    ...[r.raceC, r.race].map((race, i) => [
      `race 100 units, c=${i === 0 ? r.concurrency : 256}: drop writes after sell-out`,
      fmt(race.writesAfterSellOut),
      "a handful (≤ 10)",
      verdict(
        race.writesAfterSellOut <= 10,
        `${fmt(race.dropWrites)} drop writes in all; ${fmt(race.perSecond)} claims/s`,
      ),
      cpu(race),
    ]),
    [
      `polling: ${fmt(r.polling.count)} polls in ${r.polling.seconds} s`,
      `${readsPerSec.toFixed(2)} DB reads/s`,
      "≤ 2",
      verdict(
        readsPerSec <= 2,
        `${(r.polling.itemReads / r.polling.seconds).toFixed(2)}/s of the item; ${fmt(r.polling.perSecond)} polls/s, p99 ${r.polling.latencyMs.p99} ms, ${fmt(r.polling.late)} late`,
      ),
      cpu(r.polling),
    ],
    [
      "claim latency, win path, c=256",
      `p50 ${r.latency256.latencyMs.p50} · p99 ${r.latency256.latencyMs.p99} ms`,
      "-",
      `${fmt(r.latency256.perSecond)} claims/s`,
      cpu(r.latency256),
    ],
    [
      "claim latency, race mix, c=256",
      `p50 ${r.race.latencyMs.p50} · p99 ${r.race.latencyMs.p99} ms`,
      "-",
      `${fmt(r.race.perSecond)} claims/s`,
      "",
    ],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, "-".repeat(Math.max(...lines.map((l) => l.length))));
  const m = r.machine;
  return `\nDropRush bench · ${m.date} · node ${m.node} · ${m.cpus} cores (${m.cpuModel}) · load ${load(m.loadBefore)} → ${load(m.loadAfter)}\n\n${lines.join("\n")}\n`;
}

/** Server CPU by owner for each profiled phase, as shares of the busy (non-idle) time. */
export function renderProfiles(profiles: Record<string, Record<string, number>>): string {
  const lines = Object.entries(profiles).map(([phase, owners]) => {
    const busy = Object.entries(owners).filter(([o]) => o !== "idle");
    const total = busy.reduce((n, [, ms]) => n + ms, 0);
    const shares = busy.map(([o, ms]) => `${o} ${Math.round((100 * ms) / Math.max(1, total))}%`).join(" · ");
    return `  ${phase.padEnd(12)} ${fmt(total)} ms busy, ${fmt(owners.idle ?? 0)} ms idle: ${shares}`;
  });
  return `Server CPU profile by owner (--cpu-prof; profiling slows the server, so take figures from a run without it)\n${lines.join("\n")}\n`;
}

/** Rows as aligned columns, a rule under the header. */
function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, "-".repeat(Math.max(...lines.map((l) => l.length))));
  return lines.join("\n");
}

/** The proof-of-work section (scripts/bench/pow.ts): solvers, the curve, checking, and the guest path's calls. */
export function renderPow(p: PowSection): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const browser = "hashesPerSecond" in p.chromium ? p.chromium : undefined;
  const { phone } = p;
  const atHardest = (perSecond: number) => fmt(perSecond / (p.hardest / 2), 1);
  const measured = (r: SolveRate) =>
    `${r.solves} solves, ${fmt(r.hashes)} hashes in ${r.seconds.toFixed(2)} s`;
  const solvers = columns([
    ["solver", "hashes/s", "solves/s at maxNumber " + fmt(p.hardest), "measured on"],
    [
      "native SHA-256 (node createHash, 1 core)",
      fmt(p.native.hashesPerSecond),
      atHardest(p.native.hashesPerSecond),
      measured(p.native),
    ],
    [
      "altcha-lib solveChallenge (Node WebCrypto)",
      fmt(p.altchaLib.hashesPerSecond),
      atHardest(p.altchaLib.hashesPerSecond),
      measured(p.altchaLib),
    ],
    browser
      ? [
          "Chromium, the page's solver (@noble/hashes, main thread)",
          fmt(browser.hashesPerSecond),
          atHardest(browser.hashesPerSecond),
          measured(browser),
        ]
      : [
          "Chromium, the page's solver",
          "-",
          "-",
          `skipped: ${"skipped" in p.chromium ? p.chromium.skipped : ""}`,
        ],
    [
      "phone: ASSUMED, 1/3 of the Chromium figure",
      phone ? fmt(phone) : "-",
      phone ? atHardest(phone) : "-",
      "not measured",
    ],
  ]);
  const s = (x: number | null | undefined) =>
    x == null ? "-" : x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(2)} s`;
  const curve = columns([
    ["pressure", "maxNumber", "expected hashes", "native", "altcha-lib (Node)", "phone (assumed)"],
    ...p.curve.map((c) => [
      String(c.pressure),
      fmt(c.maxNumber),
      fmt(c.expectedHashes),
      s(c.seconds.native),
      s(c.seconds.altchaLib),
      s(c.seconds.phone),
    ]),
  ]);
  const v = p.verification;
  const g = p.guestPath;
  type Row = { phase: PowPathPhase; label: string; per: "request" | "win" };
  const phaseRows: Row[] = [
    { phase: g.mint, label: "guest mint, POST /api/shoppers", per: "request" },
    { phase: g.challenge, label: "guest challenge, GET …/challenge", per: "request" },
    { phase: g.guestClaims, label: "guest claim with X-Altcha", per: "win" },
    { phase: g.rehearsalClaims, label: "rehearsal claim (no limit, no challenge)", per: "win" },
  ];
  const per = ({ phase, per: unit }: Row, n: number) =>
    fmt(n / Math.max(1, unit === "win" ? phase.ok : phase.requests), 2);
  const calls = columns([
    [
      "phase",
      "per",
      "requests",
      "ok",
      "p50 / p99 ms",
      "RATE#",
      "POW#",
      "SLOT/CLAIM/IDEM",
      "DROP# reads",
      "DROP# writes",
      "ATTEMPTS#",
      "other",
      "CPU ms/req server / db / client",
    ],
    ...phaseRows.map((r) => {
      const c = r.phase.calls;
      const cpu = r.phase.cpuMsPerRequest;
      return [
        r.label,
        r.per,
        fmt(r.phase.requests),
        fmt(r.phase.ok),
        `${r.phase.latencyMs.p50} / ${r.phase.latencyMs.p99}`,
        per(r, c.rateLimit),
        per(r, c.pow),
        per(r, c.shopperItems),
        per(r, c.dropReads),
        per(r, c.dropWrites),
        per(r, c.attempts),
        per(r, c.other),
        `${cpu.server.toFixed(2)} / ${cpu.db.toFixed(2)} / ${cpu.client.toFixed(2)}`,
      ];
    }),
  ]);
  const ratePerReq = (ph: PowPathPhase) => ph.calls.rateLimit / Math.max(1, ph.requests);
  const dropWritesPerWin = (ph: PowPathPhase) => ph.calls.dropWrites / Math.max(1, ph.ok);
  const extraDropWrites = dropWritesPerWin(g.guestClaims) - dropWritesPerWin(g.rehearsalClaims);
  const maxRate = Math.max(ratePerReq(g.mint), ratePerReq(g.challenge), ratePerReq(g.guestClaims));
  const c = g.challenge;
  const verdicts = [
    `  rate limit ≤ 1 small call per request: ${verdict(maxRate <= 1, `RATE# per request: mint ${ratePerReq(g.mint).toFixed(2)}, challenge ${ratePerReq(c).toFixed(2)}, claim ${ratePerReq(g.guestClaims).toFixed(2)}, rehearsal claim ${ratePerReq(g.rehearsalClaims).toFixed(2)}`)}`,
    `  challenge GET: nothing on the drop's partition per request: ${verdict(c.calls.dropWrites === 0 && c.calls.dropReads <= Math.ceil(c.seconds) + 1, `${c.calls.dropWrites} writes; ${c.calls.dropReads} reads of DROP# in ${c.seconds.toFixed(2)} s for ${fmt(c.requests)} requests (the ≤ 1 s drop cache)`)}`,
    `  verification: no write on the drop's partition: ${verdict(Math.abs(extraDropWrites) < 0.005, `DROP# writes per win ${dropWritesPerWin(g.guestClaims).toFixed(2)} guest vs ${dropWritesPerWin(g.rehearsalClaims).toFixed(2)} rehearsal (the stock write); the spend is ${(g.guestClaims.calls.pow / Math.max(1, g.guestClaims.ok)).toFixed(2)} POW# Put per win`)}`,
  ];
  return [
    `\nProof of work · hardest maxNumber ${fmt(p.hardest)} · load ${load(p.loadBefore)} → ${load(p.loadAfter)}`,
    "",
    "Solve rates (each solver one hash at a time; real signed challenges; hashes = n + 1 per solve):",
    solvers,
    browser
      ? `  The phone row is an assumption, not a measurement: ${fmt(phone ?? 0)}/s = 1/3 of this run's Chromium rate (${fmt(browser.hashesPerSecond)}/s).`
      : "  No phone row: it is derived from the Chromium rate, which was not measured.",
    "",
    "Difficulty curve (pressure = challenges a minute per unit left; expected hashes = maxNumber / 2):",
    curve,
    "",
    `Verification: checkSolution (decode, schema, binding, SHA-256 + HMAC; no database) on ${fmt(v.payloads)} solved payloads, one at a time:`,
    `  wall: p50 ${fmt(v.wallMicros.p50)} µs · p99 ${fmt(v.wallMicros.p99)} µs · max ${fmt(v.wallMicros.max)} µs`,
    `  CPU:  p50 ${fmt(v.cpuMicros.p50)} µs · p99 ${fmt(v.cpuMicros.p99)} µs · mean ${fmt(v.cpuMicros.mean)} µs (process, every thread: the server's cost; wall − CPU = waiting for a core)`,
    `  ${fmt(v.gc.count)} garbage collections in this process during the loop, ${fmt(v.gc.ms, 1)} ms in all`,
    `  target < 1 ms (wall): p50 ${verdict(v.wallMicros.p50 < 1000, `${(v.wallMicros.p50 / 1000).toFixed(2)} ms`)} · p99 ${verdict(v.wallMicros.p99 < 1000, `${(v.wallMicros.p99 / 1000).toFixed(2)} ms`)}`,
    "",
    `Farm at the attack difficulty (maxNumber ${fmt(p.hardest)}, native SHA-256): ${p.farm.cpuSecondsPerUnit.toFixed(3)} CPU-s per unit (${fmt(p.hardest / 2)} expected hashes / ${fmt(p.native.hashesPerSecond)} per s), ${fmt(p.farm.solvesPerSecondPerCore, 1)} solves/s/core measured`,
    "  (a floor for a farm: node's createHash, one core; SIMD or GPU SHA-256 does far more per core)",
    "",
    `Guest path on the app (TRUST_PROXY=1): ${fmt(g.guests)} guests over ${fmt(g.addresses)} addresses (${g.perAddress} each), ${g.concurrency} in flight; challenges given at maxNumber ${Object.entries(
      g.maxNumbers,
    )
      .map(([m, k]) => `${fmt(Number(m))} ×${k}`)
      .join(", ")}; solved natively in ${g.solveSeconds.toFixed(2)} s. DB calls per request or per win:`,
    calls,
    ...verdicts,
    "",
  ].join("\n");
}
