import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Agent } from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { tableDefinition } from "@/lib/db/table";

export type DbConfig = { endpoint?: string; region: string };

/** Builds a document client. With an endpoint (embedded DB, DynamoDB Local) it uses dummy credentials. */
export function connect({ endpoint, region }: DbConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts: 3,
    ...(endpoint
      ? {
          endpoint,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          // Local emulators speak plain HTTP; keep connections alive so a race is not a connect storm.
          requestHandler: new NodeHttpHandler({
            httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }),
            requestTimeout: 10_000,
          }),
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Creates the table if it is missing; safe to call on every start and on real DynamoDB. */
export async function ensureTable(db: DynamoDBDocumentClient, tableName: string): Promise<"created" | "exists"> {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
    return "exists";
  } catch (err) {
    if ((err as Error).name !== "ResourceNotFoundException") throw err;
  }
  try {
    await db.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (err) {
    if ((err as Error).name !== "ResourceInUseException") throw err;
  }
  await waitUntilTableExists({ client: db, maxWaitTime: 120 }, { TableName: tableName });
  return "created";
}
