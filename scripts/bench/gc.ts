// The claim's instance's garbage collections, logged by scripts/bench/gc-hook.mjs: which requests
// waited through a pause. On the bench's shared cores a pause also holds the database's CPU.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { sleep } from "../race/http-pool";

/** A pause of the claim's instance for garbage collection; `major`: a full collection's. */
export type GcPause = { from: number; ms: number; major: boolean };

/** The environment that makes a server log its collections to `file`. */
export function gcLogEnv(file: string, nodeOptions = process.env.NODE_OPTIONS ?? ""): Record<string, string> {
  const hook = pathToFileURL(resolve("scripts/bench/gc-hook.mjs")).href;
  return { NODE_OPTIONS: `${nodeOptions} --import ${hook}`.trim(), BENCH_GC_LOG: file };
}

/** The pauses logged so far, on this process's performance.now() clock. */
export function readGcPauses(file: string): GcPause[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [epoch, ms, kind] = line.split(" ");
      return { from: Number(epoch) - performance.timeOrigin, ms: Number(ms), major: kind === "major" };
    });
}

/** The pauses of at least `minMs` that overlapped the wait of a request sent at `from` and answered `ms` later. */
export const pausesDuring = (pauses: GcPause[], from: number, ms: number, minMs = 0) =>
  pauses.filter((p) => p.ms >= minMs && p.from < from + ms && p.from + p.ms > from);

/** The pauses that began in [from, to): how many, of which full collections, their sum, the longest. */
export function gcSummary(pauses: GcPause[], from: number, to: number) {
  const within = pauses.filter((p) => p.from >= from && p.from < to);
  return {
    pauses: within.length,
    major: within.filter((p) => p.major).length,
    totalMs: Math.round(within.reduce((sum, p) => sum + p.ms, 0)),
    longestMs: Math.round(Math.max(0, ...within.map((p) => p.ms))),
  };
}

/** Whether the hook loaded in the server logging to `file` (it writes its pid at once). */
export const gcHooked = (file: string) => existsSync(`${file}.pid`);

/**
 * Has the server logging to `file` collect its whole heap (SIGHUP to its hook) and waits for it:
 * false when it has no hook or did not answer within 10 s.
 */
export async function collectGarbage(file: string): Promise<boolean> {
  // No pid: the hook did not load (the report then says no pause was logged).
  if (!existsSync(`${file}.pid`)) return false;
  rmSync(`${file}.collected`, { force: true });
  process.kill(Number(readFileSync(`${file}.pid`, "utf8")), "SIGHUP");
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (existsSync(`${file}.collected`)) return true;
    await sleep(100);
  }
  return false;
}

/** Removes the log and its hook's files. */
export const removeGcLog = (file: string) =>
  [file, `${file}.pid`, `${file}.collected`].forEach((f) => rmSync(f, { force: true }));
