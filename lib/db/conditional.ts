import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

type Item = Record<string, unknown>;

/**
 * What a conditional write came to: applied, with the call's output; or refused by its condition,
 * with the item as it stood when DynamoDB returns it (`ReturnValuesOnConditionCheckFailure:
 * "ALL_OLD"`; dynalite never does, so a caller that needs it reads it when absent).
 */
export type Outcome<T> = { applied: true; output: T } | { applied: false; item: Item | undefined };

/** True when `err` is a write's condition refusing it (nothing was written). */
export const isRefused = (err: unknown): err is ConditionalCheckFailedException =>
  err instanceof ConditionalCheckFailedException;

/** DynamoDB answered these before applying the write: sending it again cannot apply it twice. */
const NEVER_APPLIED = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
]);

/** DynamoDB refused the call for capacity, before applying it. */
export const isThrottled = (err: unknown) => err instanceof Error && NEVER_APPLIED.has(err.name);

/** Runs a conditional write and answers whether it applied; any other failure is thrown. */
export async function writeIf<T>(write: Promise<T>): Promise<Outcome<T>> {
  try {
    return { applied: true, output: await write };
  } catch (err) {
    if (!isRefused(err)) throw err;
    return { applied: false, item: err.Item ? unmarshall(err.Item) : undefined };
  }
}

/** `.catch(ignoreRefusal)`: a write whose refusal means there was nothing left to do. */
export function ignoreRefusal(err: unknown): void {
  if (!isRefused(err)) throw err;
}
