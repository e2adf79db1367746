// `npm run start:local`: the production build (built when sources changed) on the embedded
// DynamoDB in memory, or on DYNAMODB_ENDPOINT when set. Used by e2e tests, benchmarks and races.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { banner, exitOnStdinEof, startSweeper, devSecrets, runNext, startDatabase } from "./local";

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
    "package-lock.json",
    "postcss.config.mjs",
  ];
  return Math.max(...sources.map((s) => newestMtime(join(process.cwd(), s)))) > statSync(buildId).mtimeMs;
}

if (buildIsStale()) {
  console.log("Building the production bundle (sources changed since the last build)…");
  const code = await runNext(["build"], { NODE_ENV: "production" });
  if (code !== 0) process.exit(code);
}

const secrets = devSecrets({ persist: false });
const db = await startDatabase({});
Object.assign(process.env, secrets, { DYNAMODB_ENDPOINT: db.endpoint });
const { seedDemo } = await import("./seed");
await seedDemo();

banner([
  `DropRush (production build) on http://${host}:${port}`,
  `Admin token: ${secrets.ADMIN_TOKEN}`,
  `DynamoDB: ${db.endpoint}`,
]);
startSweeper({ url: `http://${host}:${port}`, secret: secrets.CRON_SECRET });
const code = await runNext(["start", "--port", port, "--hostname", host], {
  ...secrets,
  DYNAMODB_ENDPOINT: db.endpoint,
});
await db.stop();
process.exit(code);
