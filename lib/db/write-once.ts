import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { UpdateCommand, type UpdateCommandInput, type UpdateCommandOutput } from "@aws-sdk/lib-dynamodb";
import { dbOnce, tableName } from "@/lib/db/client";
import { isThrottled } from "@/lib/db/conditional";
import { noteOnSpan } from "@/lib/telemetry";

// Writes that move stock or a shopper's count must not apply twice. The SDK retries a timeout, a
// reset or a 500 even when the first attempt was applied and only its answer was lost, so these
// writes go through a client whose SDK never retries (dbOnce), and through this module, which
// retries only what DynamoDB refuses before applying anything: throttling. Any other failure is an
// unknown outcome, and the caller, who knows the write, decides what is safe (docs/architecture.md, "Exactly once").

const THROTTLE_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 25;

/** The write may or may not have been applied (a timeout, a lost answer, a 500). */
export class UnknownOutcome extends Error {
  constructor(readonly cause: unknown) {
    super(`The database's answer was lost: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "UnknownOutcome";
  }
}

/**
 * Sends `build()` (rebuilt per attempt, so a time in it is the time of the write) so that it applies
 * at most once: throttled attempts are retried with backoff; a failed condition is thrown as is;
 * anything else becomes UnknownOutcome.
 */
export async function sendOnce(
  build: () => Omit<UpdateCommandInput, "TableName">,
  { throttleAttempts = THROTTLE_ATTEMPTS } = {},
): Promise<UpdateCommandOutput> {
  for (let attempt = 1; ; attempt++) {
    try {
      const output = await dbOnce().send(new UpdateCommand({ ...build(), TableName: tableName() }));
      if (attempt > 1) noteOnSpan("droprush.retries", attempt - 1); // the caller's span (docs/telemetry.md)
      return output;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw err;
      if (!isThrottled(err)) throw new UnknownOutcome(err);
      if (attempt > 1) noteOnSpan("droprush.retries", attempt - 1);
      if (attempt >= throttleAttempts) throw err; // never applied: a plain 503 for the caller
      await new Promise((r) => setTimeout(r, BASE_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}
