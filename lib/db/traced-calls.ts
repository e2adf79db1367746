import "server-only";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { isRefused, isThrottled } from "@/lib/db/conditional";
import { countThrottle, inSpan, tracing } from "@/lib/telemetry";

type Metadata = { $metadata?: { attempts?: number } };
/** The SDK's own retries of a call (its attempts less one), from its output or its error. */
const retriesOf = (answer: unknown) => Math.max(0, ((answer as Metadata)?.$metadata?.attempts ?? 1) - 1);
/** "GetItemCommand" → "GetItem". */
const operationOf = (commandName: string | undefined) => (commandName ?? "Unknown").replace(/Command$/, "");

/**
 * Every SDK call of `client` as a span `DynamoDB.<Operation>` (docs/telemetry.md), around all its
 * attempts: `db.system`, `db.operation`, `aws.dynamodb.table_names`, `droprush.retries` (the SDK's),
 * and a refused condition as `droprush.outcome` = `condition_failed`; and every throttled attempt
 * counted (`droprush.db.throttles`). Without tracing a call pays one check.
 */
export function tracedCalls(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (!tracing()) return next(args);
      const operation = operationOf(context.commandName);
      const table = (args.input as { TableName?: unknown }).TableName;
      const attributes = {
        "db.system": "dynamodb",
        "db.operation": operation,
        ...(typeof table === "string" ? { "aws.dynamodb.table_names": [table] } : {}),
      };
      return inSpan(
        `DynamoDB.${operation}`,
        attributes,
        async (span) => {
          try {
            const result = await next(args);
            span?.setAttribute("droprush.retries", retriesOf(result.output));
            return result;
          } catch (err) {
            span?.setAttribute("droprush.retries", retriesOf(err));
            throw err;
          }
        },
        (err) => (isRefused(err) ? "condition_failed" : undefined),
      );
    },
    { step: "initialize", name: "telemetrySpan" },
  );
  // Inside the SDK's retries (finalizeRequest): each attempt's error, as DynamoDB answered it.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (isThrottled(err)) countThrottle(operationOf(context.commandName));
        throw err;
      }
    },
    { step: "deserialize", name: "telemetryThrottles", priority: "high" },
  );
  return client;
}
