// `npm run race`: races a drop on any deployment through its public API, then audits the outcome.
// Exit 0 when every invariant holds, 1 when one fails, 2 on a usage or setup error.
import { parseRaceArgs, usage, UsageError, type RaceOptions } from "./race/args";
import { audit } from "./race/audit";
import { planAttempts } from "@/lib/race/plan";
import { fireClaims } from "./race/fire";
import { createHttpClient, sleep } from "./race/http-pool";
import { createProgress, type Progress } from "./race/progress";
import { buildReport, renderReport, type RaceReport } from "./race/report";
import { rehearseStorm, renderStorm } from "./race/storm";
import { checkHealth, clockOffset, createRaceDrop, getDrop, mintShoppers, warmSockets } from "./race/setup";

const STOCK_CACHE_WAIT_MS = 1200; // the stock endpoint may answer from a ≤ 1 s in-process cache

async function race(opts: RaceOptions, progress: Progress): Promise<RaceReport> {
  const http = createHttpClient({ url: opts.url, sockets: opts.concurrency });
  try {
    await checkHealth(http);
    progress.note(`Minting ${opts.shoppers} shoppers on ${opts.url}…`);
    const shoppers = await mintShoppers(http, opts.shoppers, opts.concurrency, progress, opts.adminToken);

    const drop = opts.drop
      ? await getDrop(http, opts.drop)
      : await createRaceDrop(http, {
          adminToken: opts.adminToken ?? "",
          stock: opts.stock,
          maxPerShopper: opts.maxPerShopper,
          startsAt: Date.now() + opts.startDelayMs,
        });
    const offset = await clockOffset(http, drop.id);
    const fireAt = Date.parse(drop.startsAt) - offset + 30; // a hair after the server's start
    progress.note(
      `Drop ${drop.id}: ${drop.remainingStock} units, starts in ${Math.max(0, (fireAt - Date.now()) / 1000).toFixed(1)} s (server clock ${offset >= 0 ? "+" : ""}${offset} ms).`,
    );
    if (fireAt - Date.now() > 400) {
      await sleep(fireAt - Date.now() - 400);
      await warmSockets(http, drop.id, opts.concurrency);
    }
    await sleep(fireAt - Date.now());

    const attempts = planAttempts(shoppers.length, opts.dups);
    const { outcomes, durationMs } = await fireClaims(http, {
      dropId: drop.id,
      shoppers,
      attempts,
      concurrency: opts.concurrency,
      progress,
    });
    await sleep(STOCK_CACHE_WAIT_MS);
    const claimable = drop.status === "live" || drop.status === "scheduled" || drop.status === "sold_out";
    const result = await audit(
      http,
      {
        dropId: drop.id,
        shoppers,
        outcomes,
        stockBefore: drop.remainingStock,
        maxPerShopper: drop.maxPerShopper,
        claimable,
      },
      opts.concurrency,
      progress,
    );
    const config = {
      stock: drop.totalStock,
      shoppers: opts.shoppers,
      dups: opts.dups,
      concurrency: opts.concurrency,
      maxPerShopper: drop.maxPerShopper,
    };
    return buildReport(
      { url: opts.url, dropId: drop.id, createdDrop: !opts.drop, config, stockBefore: drop.remainingStock },
      outcomes,
      durationMs,
      result,
    );
  } finally {
    http.close();
  }
}

let opts: RaceOptions | undefined;
try {
  opts = parseRaceArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${err.message}\n\n${usage}`);
  process.exit(2);
}
if (!opts) {
  console.log(usage);
  process.exit(0);
}

try {
  const progress = createProgress(process.stderr, opts.json);
  if (opts.faults) {
    const report = await rehearseStorm(opts, progress);
    console.log(opts.json ? JSON.stringify(report) : renderStorm(report));
    process.exitCode = report.ok ? 0 : 1;
  } else {
    const report = await race(opts, progress);
    console.log(opts.json ? JSON.stringify(report) : renderReport(report));
    process.exitCode = report.ok ? 0 : 1;
  }
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Race aborted: ${message}`);
  if (opts.json) console.log(JSON.stringify({ ok: false, error: message }));
  process.exitCode = 2;
}
