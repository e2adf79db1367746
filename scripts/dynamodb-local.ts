// AWS's DynamoDB Local (needs Java), from the jar that scripts/fetch-dynamodb-local.sh unpacks:
// the tests' second database (TEST_DB=dynamodb-local) and the bench's (--db dynamodb-local).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, ensureTable } from "@/lib/db/connect";

export const JAR_DIR = join(process.cwd(), ".cache", "dynamodb-local");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startDynamoDbLocal(tableName: string) {
  const jar = join(JAR_DIR, "DynamoDBLocal.jar");
  if (!existsSync(jar)) throw new Error(`${jar} is missing: run scripts/fetch-dynamodb-local.sh first`);
  const port = await freePort();
  const child = spawn(
    "java",
    [
      `-Djava.io.tmpdir=${mkdtempSync(join(tmpdir(), "ddb-local-"))}`,
      `-Djava.library.path=${join(JAR_DIR, "DynamoDBLocal_lib")}`,
      "-jar",
      jar,
      "-inMemory",
      "-sharedDb",
      "-disableTelemetry",
      "-port",
      String(port),
    ],
    { cwd: JAR_DIR, stdio: "ignore" },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = connect({ endpoint, region: "us-east-1" });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await ensureTable(client, tableName);
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return { endpoint, stop: async () => void child.kill("SIGTERM") };
}
