import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { toResponse } from "@/lib/errors";

/**
 * Where a request's time went, as a `Server-Timing` header (the race CLI's breakdown of its tail).
 * Each phase is the time spent inside it, summed over the request: `db` the SDK calls it made and its
 * waits for batched reads (lib/db/batched-get.ts: the shared call is charged to nobody), `cache` the
 * claim's read of the drop state (a coalesced load when stale), `gate` the take gate's waits,
 * `replay` the waits for an earlier request's claim. Phases overlap: a replay wait includes the reads
 * it polls with, and parallel SDK calls add up, so `db` may exceed `total`.
 */
export type Phase = "db" | "cache" | "gate" | "replay";

type Timing = Record<Phase, number> & { withheld?: boolean };
const timings = new AsyncLocalStorage<Timing>();

/** Runs `work` as `phase` of the request being timed, if one is (otherwise it is called as it is). */
export function timed<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
  const timing = timings.getStore();
  if (!timing) return work();
  const started = performance.now();
  return work().finally(() => (timing[phase] += performance.now() - started));
}

/**
 * Runs `work` outside any timed request: work shared by several requests, or started by one and
 * outliving it (a batch's call, a background timer), is charged to none.
 */
export function untimed<T>(work: () => T): T {
  return timings.exit(work);
}

/** This request's timing is not to be sent (its drop is not a rehearsal). */
export function withholdTiming(): void {
  const timing = timings.getStore();
  if (timing) timing.withheld = true;
}

/**
 * The handler's response with `Server-Timing: total;dur=…, db;dur=…, …` when `enabled`; an error is
 * turned into its response here (as the route wrapper would) so refusals carry the header too.
 */
export async function withServerTiming(
  enabled: boolean,
  handler: () => Promise<Response>,
): Promise<Response> {
  if (!enabled) return handler();
  const timing: Timing = { db: 0, cache: 0, gate: 0, replay: 0 };
  const started = performance.now();
  const res = await timings.run(timing, () => handler().catch(toResponse));
  const { withheld, ...phases } = timing;
  if (withheld) return res;
  const total = performance.now() - started;
  const metrics = Object.entries({ total, ...phases }).map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`);
  res.headers.set("Server-Timing", metrics.join(", "));
  return res;
}
