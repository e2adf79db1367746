// The race's result: one JSON-able object, and the human summary table.
import type { Audit, Invariant } from "@/lib/race/audit";
import type { Outcome } from "@/lib/race/plan";
import { fmt, latency, table, tally, type Latency } from "@/lib/race/stats";

export type RaceReport = {
  ok: boolean;
  url: string;
  dropId: string;
  createdDrop: boolean;
  config: { stock: number; shoppers: number; dups: number; concurrency: number; maxPerShopper: number };
  attempts: number;
  duplicates: number;
  earlyRetries: number;
  winners: number;
  units: number;
  expectedUnits: number;
  replays: number;
  refusals: Record<string, number>;
  statuses: Record<string, number>;
  serverErrors: number;
  durationMs: number;
  claimsPerSecond: number;
  latencyMs: Latency;
  /** Where a tail comes from: latency of wins (201), replays (200) and each refusal code. */
  latencyByOutcome: Record<string, Latency>;
  /**
   * From the server's `Server-Timing` (rehearsal shoppers get it): per outcome, the time inside the
   * handler and in each phase, and `outside` = round trip − handler (the queue before the handler,
   * Next.js and HTTP). `tail` is the mean of each over the slowest 1 % of all answers.
   */
  phases?: { byOutcome: Record<string, Record<string, Latency>>; tail: Record<string, number> };
  stock: { before: number; after?: number };
  invariants: Invariant[];
};

export function buildReport(
  base: Pick<RaceReport, "url" | "dropId" | "createdDrop" | "config"> & { stockBefore: number },
  outcomes: Outcome[],
  durationMs: number,
  audit: Audit,
): RaceReport {
  const { stockBefore, ...rest } = base;
  return {
    ok: audit.invariants.every((i) => i.ok),
    ...rest,
    attempts: outcomes.length,
    duplicates: outcomes.filter((o) => o.dup).length,
    earlyRetries: outcomes.reduce((n, o) => n + o.early, 0),
    winners: audit.winners,
    units: audit.units,
    expectedUnits: audit.expectedUnits,
    replays: outcomes.filter((o) => o.status === 200).length,
    refusals: tally(outcomes, (o) =>
      o.status >= 400
        ? (o.code ?? `HTTP_${o.status}`)
        : o.status === 0
          ? `NETWORK_${o.error ?? "ERROR"}`
          : undefined,
    ),
    statuses: tally(outcomes, (o) => String(o.status)),
    serverErrors: audit.serverErrors,
    durationMs: Math.round(durationMs),
    claimsPerSecond: Math.round(outcomes.length / (durationMs / 1000)),
    latencyMs: latency(outcomes.map((o) => o.ms)),
    latencyByOutcome: Object.fromEntries(
      Object.entries(groupBy(outcomes, outcomeOf)).map(([k, os]) => [k, latency(os.map((o) => o.ms))]),
    ),
    phases: phasesOf(outcomes),
    stock: { before: stockBefore, after: audit.stockAfter },
    invariants: audit.invariants,
  };
}

const PHASES = ["total", "db", "cache", "gate", "replay"] as const;
const COLUMNS = ["ms", ...PHASES, "outside", "sentAt"] as const;

function phasesOf(outcomes: Outcome[]): RaceReport["phases"] {
  const timed = outcomes.filter((o) => o.server?.total !== undefined);
  if (timed.length === 0) return undefined;
  // One row per answer: its round trip, each phase, the time outside the handler, when it was sent.
  const row = (o: Outcome): Record<string, number> => ({
    ms: o.ms,
    ...Object.fromEntries(PHASES.map((p) => [p, o.server?.[p] ?? 0])),
    outside: o.ms - (o.server?.total ?? 0),
    sentAt: o.at ?? 0,
  });
  const byOutcome = Object.fromEntries(
    Object.entries(groupBy(timed, outcomeOf)).map(([k, os]) => {
      const rows = os.map(row);
      return [k, Object.fromEntries(COLUMNS.map((c) => [c, latency(rows.map((r) => r[c] ?? 0))]))];
    }),
  );
  const slowest = [...timed]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, Math.ceil(timed.length / 100))
    .map(row);
  const mean = (c: string) => Math.round(slowest.reduce((sum, r) => sum + (r[c] ?? 0), 0) / slowest.length);
  return {
    byOutcome,
    tail: { count: slowest.length, ...Object.fromEntries(COLUMNS.map((c) => [c, mean(c)])) },
  };
}

const outcomeOf = (o: Outcome) =>
  o.status === 201 ? "won" : o.status === 200 ? "replay" : (o.code ?? `HTTP ${o.status}`);

function groupBy<T>(items: T[], keyOf: (item: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) (out[keyOf(item)] ??= []).push(item);
  return out;
}

export function renderReport(r: RaceReport): string {
  const l = r.latencyMs;
  const refusals =
    Object.entries(r.refusals)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${fmt(n)}`)
      .join(" · ") || "none";
  const rows: [string, string][] = [
    [
      "drop",
      `${r.dropId}${r.createdDrop ? " (created for this race)" : ""}, max ${r.config.maxPerShopper} per shopper`,
    ],
    [
      "attempts",
      `${fmt(r.attempts)} (${fmt(r.attempts - r.duplicates)} shoppers + ${fmt(r.duplicates)} duplicate clicks)${r.earlyRetries ? `, ${fmt(r.earlyRetries)} early retries` : ""}`,
    ],
    ["winners", `${fmt(r.winners)} shoppers, ${fmt(r.units)} units (expected ${fmt(r.expectedUnits)})`],
    ["replays", `${fmt(r.replays)} (HTTP 200: the shopper's existing claim)`],
    ["refusals", refusals],
    ["5xx / no answer", fmt(r.serverErrors)],
    ["stock", `${fmt(r.stock.before)} → ${r.stock.after === undefined ? "unreadable" : fmt(r.stock.after)}`],
    [
      "throughput",
      `${fmt(r.claimsPerSecond)} claims/s (${fmt(r.durationMs / 1000, 2)} s at concurrency ${r.config.concurrency})`,
    ],
    ["latency (ms)", `p50 ${l.p50} · p90 ${l.p90} · p99 ${l.p99} · max ${l.max}`],
    ...Object.entries(r.latencyByOutcome).map(([k, o]): [string, string] => [
      `  ${k}`,
      `p50 ${o.p50} · p90 ${o.p90} · p99 ${o.p99} · max ${o.max}`,
    ]),
    ...phaseRows(r.phases),
  ];
  const checks = r.invariants.map((i) => `  ${i.ok ? "PASS" : "FAIL"}  ${i.name}  (${i.detail})`).join("\n");
  return `\nRace on ${r.url}\n${table(rows)}\n\nInvariants\n${checks}\n\n${r.ok ? "All invariants hold." : "An invariant FAILED."}\n`;
}

/** Where the time went, per outcome (p50 / p99) and for the slowest 1 % (means). */
function phaseRows(phases: RaceReport["phases"]): [string, string][] {
  if (!phases) return [];
  const pair = (l?: Latency) => (l ? `${fmt(l.p50)}/${fmt(l.p99)}` : "–");
  const t = phases.tail;
  return [
    ["where (ms p50/p99)", "handler · db · cache · gate · replay · outside the handler · sent at"],
    ...Object.entries(phases.byOutcome).map(([k, p]): [string, string] => [
      `  ${k}`,
      ["total", "db", "cache", "gate", "replay", "outside", "sentAt"].map((n) => pair(p[n])).join(" · "),
    ]),
    [
      `  slowest ${fmt(t.count ?? 0)}`,
      `mean ${fmt(t.ms ?? 0)}: handler ${fmt(t.total ?? 0)} (db ${fmt(t.db ?? 0)}, cache ${fmt(t.cache ?? 0)}, gate ${fmt(t.gate ?? 0)}, replay ${fmt(t.replay ?? 0)}) + outside ${fmt(t.outside ?? 0)}, sent at ${fmt(t.sentAt ?? 0)}`,
    ],
  ];
}
