import "server-only";
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { env } from "@/lib/env";
import { connect, type DbConfig } from "@/lib/db/connect";
import { timed } from "@/lib/server-timing";
import { tracedCalls } from "@/lib/db/traced-calls";

let client: DynamoDBDocumentClient | undefined;
let clientOnce: DynamoDBDocumentClient | undefined;

/** The one document client of the app, built on first use. The SDK retries its requests. */
export function db(): DynamoDBDocumentClient {
  client ??= timedCalls(connect(dbConfig()));
  return client;
}

/**
 * The same table with the SDK's retries off: for the writes that must not apply twice, sent only
 * through lib/db/write-once.ts, which retries what was certainly not applied (throttling).
 */
export function dbOnce(): DynamoDBDocumentClient {
  clientOnce ??= timedCalls(connect({ ...dbConfig(), maxAttempts: 1 }));
  return clientOnce;
}

function dbConfig(): DbConfig {
  const { DYNAMODB_ENDPOINT, AWS_REGION, AWS_ROLE_ARN } = env();
  return { endpoint: DYNAMODB_ENDPOINT, region: AWS_REGION, roleArn: AWS_ROLE_ARN };
}

/**
 * Every call, retries included, counts as `db` time of a timed request (lib/server-timing.ts) and
 * is a span when tracing is on (lib/db/traced-calls.ts).
 */
function timedCalls(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  tracedCalls(client);
  client.middlewareStack.add((next) => (args) => timed("db", () => next(args)), {
    step: "initialize",
    name: "serverTiming",
  });
  return client;
}

/** The table's name: read here only (the app's calls go through `table`, scripts and tests may read it). */
export function tableName(): string {
  return env().DYNAMODB_TABLE;
}

type Input<T> = Omit<T, "TableName">;

/**
 * The app's one table, each call with its name filled in. A conditional write's refusal is thrown
 * as the SDK's ConditionalCheckFailedException; `writeIf` (lib/db/conditional.ts) answers it instead.
 * Writes that move stock or a shopper's count go through lib/db/write-once.ts.
 */
export const table = {
  get: (input: Input<GetCommandInput>) => db().send(new GetCommand({ ...input, TableName: tableName() })),
  put: (input: Input<PutCommandInput>) => db().send(new PutCommand({ ...input, TableName: tableName() })),
  /**
   * A Put sent once, never retried (not even when throttled): it lands within one attempt's
   * timeout of being sent or not at all (ONE_ATTEMPT_DEAD_MS), e.g. a draw entry, which must not
   * land after the draw has read the entries.
   */
  putOnce: (input: Input<PutCommandInput>) =>
    dbOnce().send(new PutCommand({ ...input, TableName: tableName() })),
  update: (input: Input<UpdateCommandInput>) =>
    db().send(new UpdateCommand({ ...input, TableName: tableName() })),
  delete: (input: Input<DeleteCommandInput>) =>
    db().send(new DeleteCommand({ ...input, TableName: tableName() })),
  query: (input: Input<QueryCommandInput>) =>
    db().send(new QueryCommand({ ...input, TableName: tableName() })),
};

/** True when the table answers a read. */
export async function pingDb(): Promise<boolean> {
  try {
    await table.get({ Key: { pk: "HEALTH" } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every item a query matches, across pages (for the small, bounded lists the app reads).
 * `restAfterPage`: wait as long as each page took before asking for the next (background readers).
 */
export async function queryAll(
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  { restAfterPage = false }: { restAfterPage?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const started = Date.now();
    const page = await table.query({ ...input, ExclusiveStartKey: cursor });
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
    if (cursor && restAfterPage) await new Promise((rest) => setTimeout(rest, Date.now() - started));
  } while (cursor);
  return items;
}

/** Deletes items by key, 25 a request (BatchWriteItem's limit), unprocessed ones sent again. */
export async function deleteAll(list: readonly { pk: string }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 25) {
    let request: Record<string, { DeleteRequest: { Key: { pk: string } } }[]> | undefined = {
      [tableName()]: list.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    while (request && Object.keys(request).length > 0) {
      const res = await db().send(new BatchWriteCommand({ RequestItems: request }));
      request = res.UnprocessedItems as typeof request;
    }
  }
}
