// `npm run bench -- --claims-only --tracing off,memory[,base]`: the win path's line (claims/s,
// latency, CPU per win) for each tracing mode, each on a server of its own, in rounds that take
// the modes in turn so a drift of the machine's load spreads over all of them (docs/telemetry.md).
// off: no SDK (the API's no-ops); memory: DROPRUSH_TRACING=memory, every span and metric recorded
// into memory (instrumentation.ts); base: the same without any tracing code, from another checkout
// (--base-dir, e.g. the commit before it), built there.
import type { Shopper } from "@/lib/schemas/claim";
import { createHttpClient } from "../race/http-pool";
import { createProgress } from "../race/progress";
import { createRaceDrop, mintShoppers } from "../race/setup";
import { cpuMeter, type Cpu } from "./cpu";
import { claimEach, type Rate } from "./phases";
import { dbCounts, freePort, startApp } from "./servers";

export type TracingMode = "off" | "memory" | "base";
export type ClaimLine = {
  mode: TracingMode;
  round: number;
  win: Rate & { cpuMsPerOp: Cpu; dbCallsPerWin: number };
};

export async function benchClaimLine({
  dbEndpoint,
  dbPid,
  modes,
  rounds,
  shoppers: count,
  concurrency,
  baseDir,
  log,
}: {
  dbEndpoint: string;
  dbPid?: number;
  modes: TracingMode[];
  rounds: number;
  shoppers: number;
  concurrency: number;
  baseDir?: string;
  log: (line: string) => void;
}): Promise<ClaimLine[]> {
  if (modes.includes("base") && !baseDir) throw new Error("--tracing base needs --base-dir <checkout>");
  const lines: ClaimLine[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const mode of modes) {
      const port = await freePort();
      log(`round ${round}, tracing ${mode}: starting start:local on port ${port}…`);
      const app = await startApp({
        dbEndpoint,
        port,
        cwd: mode === "base" ? baseDir : undefined,
        extraEnv: mode === "memory" ? { DROPRUSH_TRACING: "memory" } : {},
      });
      const http = createHttpClient({ url: app.url, sockets: 256 });
      try {
        const cpu = cpuMeter({ server: app.child.pid, db: dbPid });
        /** One claim per shopper on a fresh drop with a unit each. */
        const measure = async (list: Shopper[]) => {
          const { id } = await createRaceDrop(http, {
            adminToken: app.adminToken,
            stock: list.length,
            maxPerShopper: 1,
            startsAt: Date.now() - 1000,
          });
          await dbCounts(dbEndpoint, true);
          const stop = cpu.start();
          const rate = await claimEach(http, { dropId: id, shoppers: list, concurrency });
          const cpuMsPerOp = stop(rate.count);
          const counts = await dbCounts(dbEndpoint);
          const mine = Object.entries(counts).filter(
            ([n]) => (n.includes(`#${id}`) && !n.includes("ATTEMPTS#")) || / (SLOT|CLAIM|IDEM)$/.test(n),
          );
          const calls = mine.reduce((n, [, c]) => n + c, 0);
          return { ...rate, cpuMsPerOp, dbCallsPerWin: calls / Math.max(1, rate.count) };
        };
        const shoppers = await mintShoppers(
          http,
          count,
          concurrency,
          createProgress(process.stderr, true),
          app.adminToken,
        );
        log("warm-up (JIT, route modules, sockets)…");
        await measure(shoppers.slice(0, 600));
        log(`win path: ${count} claims on ${count} units, concurrency ${concurrency}…`);
        lines.push({ mode, round, win: await measure(shoppers) });
      } finally {
        http.close();
        await app.stop();
      }
    }
  }
  return lines;
}

/** One row per mode and round, then each mode's mean over the rounds against the first mode's. */
export function renderClaimLine(lines: ClaimLine[], concurrency: number): string {
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const cpu = (c: Cpu) => `${c.server.toFixed(2)} / ${c.db.toFixed(2)} / ${c.client.toFixed(2)}`;
  const out = [
    `Claim line (win path, c=${concurrency}), by tracing mode`,
    row([
      "tracing",
      "round",
      "claims/s",
      "p50 · p99 ms",
      "CPU ms per win (server / db / client)",
      "DB calls per win",
    ]),
    row(["---", "---", "---", "---", "---", "---"]),
    ...lines.map(({ mode, round, win }) =>
      row([
        mode,
        String(round),
        String(win.perSecond),
        `${win.latencyMs.p50} · ${win.latencyMs.p99}`,
        cpu(win.cpuMsPerOp),
        win.dbCallsPerWin.toFixed(2),
      ]),
    ),
  ];
  const modes = [...new Set(lines.map((l) => l.mode))];
  const mean = (mode: TracingMode, pick: (l: ClaimLine) => number) => {
    const of = lines.filter((l) => l.mode === mode);
    return of.reduce((n, l) => n + pick(l), 0) / Math.max(1, of.length);
  };
  const first = modes[0]!;
  const server = (l: ClaimLine) => l.win.cpuMsPerOp.server;
  out.push("", "Mean server CPU ms per win, and p99:");
  for (const mode of modes) {
    const delta = (mean(mode, server) / mean(first, server) - 1) * 100;
    out.push(
      `  ${mode}: ${mean(mode, server).toFixed(3)} ms (${mode === first ? "reference" : `${delta >= 0 ? "+" : ""}${delta.toFixed(1)} % vs ${first}`}), p99 ${Math.round(mean(mode, (l) => l.win.latencyMs.p99))} ms`,
    );
  }
  return out.join("\n");
}
