import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { connect, ensureTable } from "@/lib/db/connect";

export type LocalDb = { endpoint: string; stop: () => Promise<void> };

/**
 * Starts the embedded DynamoDB (dynalite) on 127.0.0.1 and creates the table. In memory unless
 * `path` is given (dev keeps its data under .data/). Port 0 picks a free port.
 */
export async function startLocalDb({
  path,
  port = 0,
  tableName,
}: {
  path?: string;
  port?: number;
  tableName: string;
}): Promise<LocalDb> {
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Longer than the SDK's idle sockets live, or clients see rare "socket hang up" under load.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = connect({ endpoint, region: "us-east-1" });
  await ensureTable(client, tableName);
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
