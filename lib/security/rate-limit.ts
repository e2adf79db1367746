import "server-only";
import { getItemBatched } from "@/lib/db/batched-get";
import { table } from "@/lib/db/client";
import { isRefused, writeIf } from "@/lib/db/conditional";
import { keys, ttlAt } from "@/lib/db/table";
import { sendOnce, UnknownOutcome } from "@/lib/db/write-once";
import { AppError } from "@/lib/errors";

// Rate limits that hold across instances: a fixed-window counter item per (limit, address,
// window) in the table, never on a drop's partition. One conditional UpdateItem per request
// counts it and refuses it past the limit, on every instance alike. A resend of a lost answer may
// count a request twice: a limit errs toward refusing, never toward letting more through. A
// window boundary can let up to twice the limit through in a short burst; the limits are set
// for humans, far above what they do.

export type Limit = { name: string; limit: number; windowSeconds: number };

/** Counts one request of `key` against `l`; 429 RATE_LIMITED (with Retry-After) past it. */
export async function consume(l: Limit, key: string, now = Date.now()): Promise<void> {
  const { windowStart, retryAfter } = windowOf(l, now);
  const written = await writeIf(
    table.update({
      Key: keys.rateLimit(l.name, key, windowStart),
      UpdateExpression: "ADD hits :one SET #ttl = :ttl",
      ConditionExpression: "attribute_not_exists(hits) OR hits < :limit",
      ExpressionAttributeNames: { "#ttl": "ttl" },
      ExpressionAttributeValues: { ":one": 1, ":limit": l.limit, ":ttl": ttlAt(now) + l.windowSeconds * 2 },
    }),
  );
  if (!written.applied) throw limited(retryAfter);
}

/**
 * 429 RATE_LIMITED (with Retry-After) when `key` already used up `l` in this window; counts nothing.
 * One read (batched with the request's other reads of the same turn): for checks that count only
 * failures (a wrong credential), so a right one costs no write.
 */
export async function refuseIfSpent(l: Limit, key: string, now = Date.now()): Promise<void> {
  const { windowStart, retryAfter } = windowOf(l, now);
  const item = await getItemBatched(keys.rateLimit(l.name, key, windowStart));
  if (((item?.hits as number | undefined) ?? 0) >= l.limit) throw limited(retryAfter);
}

/**
 * Takes back one request counted by `consume` in this window (e.g. a sign-in that was right). Sent
 * at most once (lib/db/write-once.ts): a resend after a lost answer would take back two, and a
 * refund that did not happen only errs toward refusing.
 */
export async function refund(l: Limit, key: string, now = Date.now()): Promise<void> {
  const { windowStart } = windowOf(l, now);
  await sendOnce(() => ({
    Key: keys.rateLimit(l.name, key, windowStart),
    UpdateExpression: "ADD hits :minus",
    ConditionExpression: "hits > :zero",
    ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
  })).catch((err: unknown) => {
    if (!isRefused(err) && !(err instanceof UnknownOutcome)) throw err;
  });
}

function windowOf(l: Limit, now: number) {
  const ms = l.windowSeconds * 1000;
  const windowStart = Math.floor(now / ms) * ms;
  return { windowStart, retryAfter: Math.max(1, Math.ceil((windowStart + ms - now) / 1000)) };
}

const limited = (retryAfter: number) =>
  new AppError(
    "RATE_LIMITED",
    `Too many requests from your network. Try again in ${retryAfter} s.`,
    undefined,
    { "Retry-After": String(retryAfter) },
  );
