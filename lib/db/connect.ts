import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Agent } from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { awsCredentialsProvider } from "@vercel/oidc-aws-credentials-provider";
import { FEED_VERSION, keys, tableDefinition, ttlAttribute } from "@/lib/db/table";

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 3;
/**
 * Longer than any writer can still be in flight: twice the longest an SDK call can take (every
 * attempt timing out), which leaves room for the retries' backoff and a slow handler around them.
 * The audit and the slot repair wait this long after the last write before they trust a snapshot.
 */
export const WRITER_DEAD_MS = 2 * MAX_ATTEMPTS * REQUEST_TIMEOUT_MS;
/** The same bound for a write sent exactly once (`table.putOnce`): one attempt's timeout, doubled. */
export const ONE_ATTEMPT_DEAD_MS = 2 * REQUEST_TIMEOUT_MS;

/** `roleArn`: on Vercel, the role its OIDC token assumes (infra/); unset, the AWS default chain. */
export type DbConfig = { endpoint?: string; region: string; roleArn?: string; maxAttempts?: number };

/**
 * A local emulator (dynalite, DynamoDB Local) asks that a request carry a signature and never checks
 * it: one fixed header instead of SigV4's hashing saves a quarter of the SDK's CPU per call. Its
 * scope names the region, as DynamoDB Local (without -sharedDb) picks its database by it.
 */
function localSigner(region: string): DynamoDBClientConfig["signer"] {
  return {
    sign: async (request) => {
      const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
      request.headers["x-amz-date"] = date;
      request.headers.authorization = `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`;
      return request;
    },
  };
}

/**
 * Builds a document client. With an endpoint (embedded DB, DynamoDB Local) it uses dummy credentials,
 * signs nothing and sends no SDK user agent (another tenth of a call's CPU, of use to AWS alone). On
 * AWS with a role, it trades the deployment's Vercel OIDC token for the role's short-lived
 * credentials (no stored keys; the SDK renews them before they expire).
 */
export function connect({
  endpoint,
  region,
  roleArn,
  maxAttempts = MAX_ATTEMPTS,
}: DbConfig): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    maxAttempts,
    // Bounded request time bounds how long a crashed-or-stuck writer can be "in flight": the audit
    // waits longer than that (lib/claim/audit.ts) before it returns a stranded unit.
    requestHandler: new NodeHttpHandler({
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true, // otherwise the SDK only logs a warning and keeps waiting
      // Local emulators speak plain HTTP; keep connections alive so a race is not a connect storm.
      // No connectionTimeout there: it also counts the wait for a free socket, which a local stampede
      // exceeds (1,300 concurrent claims got 503s); a local connect is instant or refused.
      ...(endpoint
        ? { httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) }
        : { connectionTimeout: 3_000 }),
    }),
    ...(endpoint
      ? {
          endpoint,
          credentials: { accessKeyId: "local", secretAccessKey: "local" },
          signer: localSigner(region),
        }
      : roleArn
        ? { credentials: awsCredentialsProvider({ roleArn, clientConfig: { region } }) }
        : {}),
  });
  if (endpoint) client.middlewareStack.remove("getUserAgentMiddleware");
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Creates the table if it is missing; safe to call on every start and on real DynamoDB. */
export async function ensureTable(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<"created" | "exists"> {
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
  await enableTtl(db, tableName);
  // Every drop of a new table gets its feed entry as it is written: no backfill to wait for.
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.feedVersion(), version: FEED_VERSION } }),
  );
  return "created";
}

/** Turns DynamoDB TTL on (lib/db/table.ts); dynalite has no TTL, and an enabled one stays as it is. */
async function enableTtl(db: DynamoDBDocumentClient, tableName: string): Promise<void> {
  try {
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
  } catch (err) {
    const name = (err as Error).name;
    if (name === "UnknownOperationException") return; // dynalite
    if (name === "ValidationException" && /already enabled/i.test((err as Error).message)) return;
    throw err;
  }
}
