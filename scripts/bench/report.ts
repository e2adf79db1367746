// The bench's table: each figure beside its target from issue 5, and the CPU per operation that bounds it.
import { fmt } from "@/lib/race/stats";
import type { Cpu } from "./cpu";
import type { Rate } from "./phases";

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
