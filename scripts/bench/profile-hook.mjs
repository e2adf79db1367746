// Loaded into every process of the bench's server by NODE_OPTIONS=--import (Node refuses --cpu-prof
// there). Only the `next start` process runs the V8 CPU profiler; SIGUSR2 writes the samples so far
// to <dir>/<n>.cpuprofile and starts afresh, so the bench can cut one profile per phase.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir && /next/.test(process.argv[1] ?? "") && process.argv[2] === "start") {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.start"));
  let n = 0;
  process.on("SIGUSR2", () =>
    session.post("Profiler.stop", (err, res) => {
      if (!err) writeFileSync(`${dir}/${++n}.cpuprofile`, JSON.stringify(res.profile));
      session.post("Profiler.start");
    }),
  );
  writeFileSync(`${dir}/server.pid`, String(process.pid));
}
