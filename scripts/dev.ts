// `npm run dev`: embedded DynamoDB persisted under .data/, demo drops, then `next dev`.
import { join } from "node:path";
import { banner, startSweeper, DATA_DIR, devSecrets, runNext, startDatabase } from "./local";

const port = process.env.PORT || "3000";
const secrets = devSecrets({ persist: true });
const db = await startDatabase({ persistPath: join(DATA_DIR, "dynalite") });
Object.assign(process.env, secrets, { DYNAMODB_ENDPOINT: db.endpoint });

const { seedDemo } = await import("./seed");
const seeded = await seedDemo();

banner([
  `DropRush is starting on http://localhost:${port}`,
  `Admin token: ${secrets.ADMIN_TOKEN}`,
  `Embedded DynamoDB: ${db.endpoint} (data in .data/)`,
  seeded.length ? `Seeded demo drops: ${seeded.join(", ")}` : "Demo drops already seeded",
]);

startSweeper({ url: `http://localhost:${port}`, secret: secrets.CRON_SECRET });
const code = await runNext(["dev", "--port", port, "--hostname", process.env.HOST || "localhost"], {
  ...secrets,
  DYNAMODB_ENDPOINT: db.endpoint,
});
await db.stop();
process.exit(code);
