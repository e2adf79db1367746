// Loaded into the claim's instance by NODE_OPTIONS=--import (bench:queue): appends each garbage
// pause to BENCH_GC_LOG as "<start, epoch ms> <pause ms> <kind>" (major: a full collection; minor:
// the young generation's; incremental or weakcb: steps of a full one), so the bench can tell
// which claims waited through one; and on SIGHUP collects the whole heap (then touches
// "<BENCH_GC_LOG>.collected"), so each of part 3's cases starts with none of the last one's garbage.
// Only the `next start` process (not npm's or tsx's); it writes its pid to "<BENCH_GC_LOG>.pid".
import { appendFileSync, writeFileSync } from "node:fs";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
};
const file = process.env.BENCH_GC_LOG;
if (file && /next/.test(process.argv[1] ?? "") && process.argv[2] === "start") {
  let lines = [];
  const flush = () => {
    if (lines.length > 0) appendFileSync(file, `${lines.join("\n")}\n`);
    lines = [];
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = KINDS[e.detail?.kind] ?? "other";
      lines.push(`${(performance.timeOrigin + e.startTime).toFixed(1)} ${e.duration.toFixed(1)} ${kind}`);
    }
  }).observe({ entryTypes: ["gc"] });
  setInterval(flush, 500).unref();
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  process.on("SIGHUP", () => {
    gc();
    setTimeout(() => {
      flush();
      writeFileSync(`${file}.collected`, String(Date.now()));
    }, 100);
  });
  writeFileSync(`${file}.pid`, String(process.pid));
}
