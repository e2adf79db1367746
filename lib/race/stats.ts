// Latency percentiles, histograms and number formatting: shared by the race CLI, the bench and the
// race arena in the browser (pure code, no Node APIs).

export type Latency = { p50: number; p90: number; p99: number; max: number; mean: number };

/** Nearest-rank percentiles in ms, rounded to 0.1 ms. */
export function latency(samples: readonly number[]): Latency {
  if (samples.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const r = (n: number) => Math.round(n * 10) / 10;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return {
    p50: r(rank(50)),
    p90: r(rank(90)),
    p99: r(rank(99)),
    max: r(sorted[sorted.length - 1] ?? 0),
    mean: r(mean),
  };
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Two-column table, left column padded. */
export function table(rows: [string, string][], indent = "  "): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join("\n");
}

/** Counts by key, in insertion order. */
export function tally<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Upper edges (ms) of the latency histogram's buckets; the last bucket is open-ended. */
const LATENCY_EDGES_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000] as const;

export type Bucket = { from: number; to?: number; count: number };

/** Counts samples into buckets [0, e0), [e0, e1), … [eLast, ∞); empty buckets included. */
export function histogram(samples: readonly number[], edges: readonly number[] = LATENCY_EDGES_MS): Bucket[] {
  const buckets: Bucket[] = [...edges, undefined].map((to, i) => ({
    from: i === 0 ? 0 : (edges[i - 1] ?? 0),
    to,
    count: 0,
  }));
  for (const s of samples) {
    const i = edges.findIndex((e) => s < e);
    (buckets[i === -1 ? edges.length : i] as Bucket).count++;
  }
  return buckets;
}
