// `npm run dev`: embedded DynamoDB persisted under .data/, demo drops, then `next dev`. Its start-up
// compiles a shopper's pages and routes, then ends with a short box: where to open the app, the
// admin token, and where the token is kept.
import { join, relative } from "node:path";
import {
  banner,
  startSweeper,
  DATA_DIR,
  DEV_SECRETS_FILE,
  devSecrets,
  runNext,
  startDatabase,
  waitUntilUp,
} from "./local";
import { warm, SHOPPER_PATH } from "./dev-warm";

const port = process.env.PORT || "3000";
const host = process.env.HOST || "localhost";
const url = `http://${host}:${port}`;
const secrets = devSecrets({ persist: true });
const db = await startDatabase({ persistPath: join(DATA_DIR, "dynalite") });
// Links in mails (invites, receipts) point here unless APP_URL says otherwise.
const APP_URL = process.env.APP_URL || url;
Object.assign(process.env, secrets, { DYNAMODB_ENDPOINT: db.endpoint, APP_URL });

const { seedDemo, seedDemoInvite, DEMO_OWNER_EMAIL } = await import("./seed");
const seeded = await seedDemo();
const invite = await seedDemoInvite();
const changed = [
  ...seeded.created.map((id) => `${id} (new)`),
  ...seeded.rescheduled.map((id) => `${id} (rescheduled)`),
];
console.log(
  `Embedded DynamoDB on ${db.endpoint}, data in .data/. Demo drops: ${changed.length ? changed.join(", ") : "unchanged"}.`,
);

startSweeper({ url, secret: secrets.CRON_SECRET });
const next = runNext(["dev", "--port", port, "--hostname", host], {
  ...secrets,
  DYNAMODB_ENDPOINT: db.endpoint,
  APP_URL,
});
// The box comes last, once the server answers and a shopper's first claim compiles nothing, so
// Next's own start-up lines do not bury it.
void waitUntilUp(`${url}/api/health`).then(async (up) => {
  if (up && process.env.WARMUP !== "0") {
    console.log("Compiling the drop page and the claim's routes before anyone asks (WARMUP=0 skips it)…");
    const started = performance.now();
    await warm(url, SHOPPER_PATH);
    console.log(`Compiled in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  banner([
    up ? `DropRush is ready: ${url}` : `DropRush is starting on ${url} (still compiling)`,
    `Admin token:  ${secrets.ADMIN_TOKEN}`,
    `Saved in:     ${relative(process.cwd(), DEV_SECRETS_FILE)} (sign in at ${url}/admin/login)`,
    ...(invite
      ? [
          `Demo brand owner (${DEMO_OWNER_EMAIL}), single-use invite, 72 h (also in .data/outbox/):`,
          `  ${invite}`,
        ]
      : []),
  ]);
});
const code = await next;
await db.stop();
process.exit(code);
