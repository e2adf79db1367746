// CPU time per process group (Linux /proc), so each figure comes with what bounds it: the server's,
// the database's and the load generator's CPU per operation. Elsewhere it reports zeros.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const ticks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of every live process in the group, in ms. */
function groupCpuMs(pgid: number | undefined): number {
  if (!pgid) return 0;
  let total = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from "state" on
      if (Number(fields[2]) !== pgid) continue;
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

export type Cpu = { server: number; db: number; client: number };

/** `server`: one process group, or several (every instance of the app, summed). */
export function cpuMeter(groups: { server?: number | (number | undefined)[]; db?: number }) {
  const servers = [groups.server].flat();
  const read = (): Cpu => {
    const self = process.cpuUsage();
    return {
      server: servers.reduce<number>((n, pgid) => n + groupCpuMs(pgid), 0),
      db: groupCpuMs(groups.db),
      client: (self.user + self.system) / 1000,
    };
  };
  return {
    /** Starts a measurement; the returned function gives CPU ms per operation for `ops` operations. */
    start() {
      const before = read();
      return (ops: number): Cpu => {
        const after = read();
        const per = (k: keyof Cpu) => Math.round(((after[k] - before[k]) / Math.max(1, ops)) * 1000) / 1000;
        return { server: per("server"), db: per("db"), client: per("client") };
      };
    },
  };
}
