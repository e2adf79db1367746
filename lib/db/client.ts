import "server-only";
import {
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { env } from "@/lib/env";
import { connect } from "@/lib/db/connect";
import { timed } from "@/lib/server-timing";

let client: DynamoDBDocumentClient | undefined;
let clientOnce: DynamoDBDocumentClient | undefined;

/** The one document client of the app, built on first use. The SDK retries its requests. */
export function db(): DynamoDBDocumentClient {
  client ??= timedCalls(connect({ endpoint: env().DYNAMODB_ENDPOINT, region: env().AWS_REGION }));
  return client;
}

/**
 * The same table with the SDK's retries off: for the writes that must not apply twice, sent only
 * through lib/db/write-once.ts, which retries what was certainly not applied (throttling).
 */
export function dbOnce(): DynamoDBDocumentClient {
  clientOnce ??= timedCalls(
    connect({ endpoint: env().DYNAMODB_ENDPOINT, region: env().AWS_REGION, maxAttempts: 1 }),
  );
  return clientOnce;
}

/** Every call, retries included, counts as `db` time of a timed request (lib/server-timing.ts). */
function timedCalls(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  client.middlewareStack.add((next) => (args) => timed("db", () => next(args)), {
    step: "initialize",
    name: "serverTiming",
  });
  return client;
}

export function tableName(): string {
  return env().DYNAMODB_TABLE;
}

/** True when the table answers a read. */
export async function pingDb(): Promise<boolean> {
  try {
    await db().send(new GetCommand({ TableName: tableName(), Key: { pk: "HEALTH" } }));
    return true;
  } catch {
    return false;
  }
}

/** Every item a query matches, across pages (for the small, bounded lists the app reads). */
export async function queryAll(
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: cursor }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}
