import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { toResponse } from "@/lib/errors";

/**
 * Where a request's time went, as a `Server-Timing` header (the race CLI's breakdown of its tail).
 * Phases overlap (a take-gate wait may include a cache reload's read); each is the time spent inside
 * it, summed over the request: `db` every SDK call, `cache` the drop state's (coalesced) loads, `gate`
 * the take gate's waits, `replay` the waits for an earlier request's claim.
 */
export type Phase = "db" | "cache" | "gate" | "replay";

const timings = new AsyncLocalStorage<Record<Phase, number>>();

/** Runs `work` as `phase` of the request being timed, if one is (otherwise it costs a lookup). */
export async function timed<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  const timing = timings.getStore();
  if (!timing) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    timing[phase] += performance.now() - started;
  }
}

/** Runs `work` outside any timed request: work shared by several requests is charged to none. */
export function untimed<T>(work: () => T): T {
  return timings.exit(work);
}

/**
 * The handler's response with `Server-Timing: total;dur=…, db;dur=…, …` when `enabled`; an error is
 * turned into its response here so refusals carry the header too.
 */
export async function withServerTiming(
  enabled: boolean,
  handler: () => Promise<Response>,
): Promise<Response> {
  if (!enabled) return handler();
  const timing: Record<Phase, number> = { db: 0, cache: 0, gate: 0, replay: 0 };
  const started = performance.now();
  const res = await timings.run(timing, () => handler().catch(toResponse));
  const total = performance.now() - started;
  const metrics = Object.entries({ total, ...timing }).map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`);
  res.headers.set("Server-Timing", metrics.join(", "));
  return res;
}
