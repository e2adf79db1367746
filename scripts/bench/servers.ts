// Starts and stops the bench's processes: the counting database and `npm run start:local` on it.
// Each runs in its own process group, so stopping it also stops its children (tsx, next start).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { sleep } from "../race/http-pool";

export type Proc = { child: ChildProcess; log: string[]; stop: () => Promise<void> };

function start(command: string, args: string[], env: Record<string, string>, cwd?: string): Proc {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    log.push(...b.toString("utf8").split("\n").filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig); // the whole group this process leads
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return signal("SIGKILL");
    signal("SIGTERM");
    await Promise.race([exited, sleep(5000)]);
    signal("SIGKILL"); // stragglers in the group (e.g. a `next start` that ignored SIGTERM)
  };
  return { child, log, stop };
}

/** The first port from `from` to `to` that nothing listens on. */
export async function freePort(from = 3200, to = 3299): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}–${to}.`);
}

/**
 * The counting database (scripts/bench/db-server.ts) on dynalite, or on DynamoDB Local (Java):
 * `direct` is then DynamoDB Local's own endpoint, past the counting.
 */
export async function startCountingDb(
  db: "dynalite" | "dynamodb-local" = "dynalite",
): Promise<Proc & { endpoint: string; direct?: string }> {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const proc = start(tsx, ["scripts/bench/db-server.ts"], { BENCH_DB: db });
  for (let waited = 0; waited < 60_000; waited += 100) {
    const ready = proc.log.find((l) => l.startsWith("READY "));
    if (ready) {
      const [endpoint = "", direct] = ready.slice("READY ".length).trim().split(" ");
      return { ...proc, endpoint, direct };
    }
    if (proc.child.exitCode !== null) break;
    await sleep(100);
  }
  await proc.stop();
  throw new Error(`The bench database did not start:\n${proc.log.join("\n")}`);
}

/**
 * `npm run start:local` on the given database; resolves once /api/health answers 200 (builds first
 * if stale). `cwd`: another checkout's server (the bench's `--tracing base`).
 */
export async function startApp({
  dbEndpoint,
  port,
  extraEnv = {},
  cwd,
  adminToken = `bench-${randomBytes(16).toString("hex")}`,
  nice,
}: {
  dbEndpoint: string;
  port: number;
  extraEnv?: Record<string, string>;
  cwd?: string;
  /** A second instance of the same deployment takes the first's (and its secrets in extraEnv). */
  adminToken?: string;
  /** Runs the server at this CPU niceness (19: it gets only what the other processes leave). */
  nice?: number;
}) {
  const command = ["npm", "run", "start:local"];
  const [bin, ...args] = nice === undefined ? command : ["nice", "-n", String(nice), ...command];
  const proc = start(
    bin!,
    args,
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      ADMIN_TOKEN: adminToken,
      DYNAMODB_ENDPOINT: dbEndpoint,
      NEXT_DIST_DIR: ".next-bench",
      NEXT_TELEMETRY_DISABLED: "1",
      WARMUP: "0", // its figures (and the storm's fault counts) are of a server only it has driven
      ...extraEnv,
    },
    cwd,
  );
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 600_000; waited += 250) {
    if (proc.child.exitCode !== null) break;
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { ...proc, url, adminToken };
    await sleep(250);
  }
  await proc.stop();
  throw new Error(`start:local did not come up on ${url}:\n${proc.log.slice(-40).join("\n")}`);
}

export async function dbCounts(dbEndpoint: string, reset = false): Promise<Record<string, number>> {
  const res = await fetch(`${dbEndpoint}/__counts`, { method: reset ? "POST" : "GET" });
  return (await res.json()) as Record<string, number>;
}

/**
 * Pins a process (`-a`: all its threads) to the given CPUs (taskset's list, e.g. "0" or "1,3"), and,
 * with `group`, every process in the group it leads (a server's npm, tsx and node; those started
 * later inherit it). A process of the group that exits meanwhile is skipped; the leader must pin.
 */
export function pinToCpus(pid: number, cpus: string, { group = false } = {}) {
  const pids = group
    ? execFileSync("pgrep", ["-g", String(pid)], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map(Number)
    : [pid];
  for (const p of pids) {
    try {
      execFileSync("taskset", ["-a", "-p", "-c", cpus, String(p)], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      if (p === pid) throw err;
    }
  }
}

/**
 * The CPUs this process may run on (taskset's affinity list, expanded), or undefined where taskset
 * or pgrep is missing: a container's cpuset may allow fewer than os.cpus() counts.
 */
export function allowedCpus(): number[] | undefined {
  try {
    execFileSync("pgrep", ["-V"], { stdio: "ignore" });
    const out = execFileSync("taskset", ["-pc", String(process.pid)], { encoding: "utf8" });
    const list = out.slice(out.lastIndexOf(":") + 1).trim();
    return list.split(",").flatMap((range) => {
      const [from, to = from] = range.split("-").map(Number);
      return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
    });
  } catch {
    return undefined;
  }
}
