// `npm run start:local`: the production build (built when sources changed) on the embedded
// DynamoDB in memory, or on DYNAMODB_ENDPOINT when set. Used by e2e tests, benchmarks and races.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  banner,
  exitOnStdinEof,
  startSweeper,
  devSecrets,
  runNext,
  startDatabase,
  waitUntilUp,
} from "./local";
import { warmUp } from "./race/warm-up";

const port = process.env.PORT || "3000";
const host = process.env.HOST || "127.0.0.1";
exitOnStdinEof();

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function buildIsStale(): boolean {
  const buildId = join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = [
    "app",
    "components",
    "lib",
    "public",
    "next.config.ts",
    "proxy.ts",
    "instrumentation.ts",
    "package-lock.json",
    "postcss.config.mjs",
  ];
  return Math.max(...sources.map((s) => newestMtime(join(process.cwd(), s)))) > statSync(buildId).mtimeMs;
}

if (buildIsStale()) {
  console.log("Building the production bundle (sources changed since the last build)…");
  // LOCAL_BUILD: no type check (`npm run typecheck` has it) and, on CI, no cache (next.config.ts).
  const code = await runNext(["build"], { NODE_ENV: "production", LOCAL_BUILD: "1" });
  if (code !== 0) process.exit(code);
}

const secrets = devSecrets({ persist: false });
const db = await startDatabase({});
const url = `http://${host}:${port}`;
// A production server needs APP_URL (links in mails): this one's own address unless it is set.
const APP_URL = process.env.APP_URL || url;
Object.assign(process.env, secrets, { DYNAMODB_ENDPOINT: db.endpoint, APP_URL });
const { seedDemo } = await import("./seed");
await seedDemo();

// The health check answers 503 WARMING_UP while this file exists (app/api/health/route.ts).
const marker = process.env.WARMUP === "0" ? undefined : join(tmpdir(), `droprush-warming-${process.pid}`);
if (marker) {
  writeFileSync(marker, "");
  process.on("exit", () => rmSync(marker, { force: true }));
}
// SWEEPER=0: a caller that runs the cron itself (the bench, which calls it on one instance of two).
if (process.env.SWEEPER !== "0") startSweeper({ url, secret: secrets.CRON_SECRET });
// A young generation up to eight times Node's default (semi-spaces of 128 MB, not 16): a race's
// first wave keeps hundreds of requests' objects alive at once, which a small one copies and
// promotes over and over (docs/performance.md).
const youngGeneration = "--max-semi-space-size=128";
const next = runNext(["start", "--port", port, "--hostname", host], {
  ...secrets,
  NODE_OPTIONS: `${youngGeneration} ${process.env.NODE_OPTIONS ?? ""}`.trim(), // yours win
  DYNAMODB_ENDPOINT: db.endpoint,
  APP_URL,
  // A production build, but a local one: mail goes to the outbox folder, as under `npm run dev`.
  MAIL_TRANSPORT: process.env.MAIL_TRANSPORT || "outbox",
  // A production build refuses to start without a payments choice: the local provider here (docs/payments.md).
  PAYMENTS: process.env.PAYMENTS || "local",
  ...(marker ? { WARMUP_MARKER: marker } : {}),
});
if (marker) {
  const listening = waitUntilUp(`${url}/api/health`, { anyAnswer: true });
  if (await Promise.race([listening, next.then(() => false)])) {
    console.log("Warming up the claim path (a rehearsal race on a drop of its own; WARMUP=0 skips it)…");
    const started = performance.now();
    await warmUp({ url, adminToken: secrets.ADMIN_TOKEN }).then(
      (claims) =>
        console.log(`Warmed up: ${claims} claims in ${((performance.now() - started) / 1000).toFixed(1)} s.`),
      (err: unknown) => console.warn(`Warm-up failed (the server runs cold): ${(err as Error).message}`),
    );
  }
  rmSync(marker, { force: true }); // warmed or not, the server takes traffic now
}
banner([
  `DropRush (production build) on ${url}`,
  `Admin token: ${secrets.ADMIN_TOKEN}`,
  `DynamoDB: ${db.endpoint}`,
]);
const code = await next;
await db.stop();
process.exit(code);
