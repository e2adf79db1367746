// The race's result: one JSON-able object, and the human summary table.
import type { Audit, Invariant } from "@/lib/race/verdicts";
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
   * Next.js and HTTP). `tail`: the slowest 1 % of all answers, how many carried no timing (no
   * answer, or refused before the handler), and the mean of each column over those that did.
   */
  phases?: { byOutcome: Record<string, Record<Phase, Latency>>; tail: Tail };
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

const COLUMNS = ["total", "db", "cache", "gate", "replay", "outside", "sentAt"] as const;
type Phase = (typeof COLUMNS)[number];
type Tail = Record<Phase | "ms", number> & { count: number; untimed: number };

function phasesOf(outcomes: Outcome[]): RaceReport["phases"] {
  const timed = outcomes.filter((o) => o.server?.total !== undefined);
  if (timed.length === 0) return undefined;
  // One row per answer: each phase, the time outside the handler, when it was sent.
  const row = (o: Outcome): Record<Phase, number> => {
    const t = o.server ?? {};
    const total = t.total ?? 0;
    const [db, cache, gate, replay] = [t.db ?? 0, t.cache ?? 0, t.gate ?? 0, t.replay ?? 0];
    return { total, db, cache, gate, replay, outside: o.ms - total, sentAt: o.at ?? 0 };
  };
  const byOutcome = Object.fromEntries(
    Object.entries(groupBy(timed, outcomeOf)).map(([k, os]) => {
      const rows = os.map(row);
      return [k, Object.fromEntries(COLUMNS.map((c) => [c, latency(rows.map((r) => r[c]))]))];
    }),
  ) as Record<string, Record<Phase, Latency>>;
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(outcomes.length / 100));
  const slowTimed = slowest.filter((o) => o.server?.total !== undefined);
  const mean = (values: number[]) =>
    values.length ? Math.round(values.reduce((sum, v) => sum + v, 0) / values.length) : 0;
  const rows = slowTimed.map(row);
  const tail = {
    count: slowest.length,
    untimed: slowest.length - slowTimed.length,
    ms: mean(slowTimed.map((o) => o.ms)),
    ...Object.fromEntries(COLUMNS.map((c) => [c, mean(rows.map((r) => r[c]))])),
  } as Tail;
  return { byOutcome, tail };
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
  const t = phases.tail;
  const untimed = t.untimed ? `; ${fmt(t.untimed)} without timing, left out` : "";
  return [
    ["where (ms p50/p99)", "handler · db · cache · gate · replay · outside the handler · sent at"],
    ...Object.entries(phases.byOutcome).map(([k, p]): [string, string] => [
      `  ${k}`,
      COLUMNS.map((c) => `${fmt(p[c].p50)}/${fmt(p[c].p99)}`).join(" · "),
    ]),
    [
      `  slowest ${fmt(t.count)}`,
      `mean ${fmt(t.ms)}: handler ${fmt(t.total)} (db ${fmt(t.db)}, cache ${fmt(t.cache)}, gate ${fmt(t.gate)}, replay ${fmt(t.replay)}) + outside ${fmt(t.outside)}, sent at ${fmt(t.sentAt)}${untimed}`,
    ],
  ];
}
