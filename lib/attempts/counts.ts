import "server-only";
import { randomBytes } from "node:crypto";
import { deleteAll, queryAll, table } from "@/lib/db/client";
import { attemptSortKey, listQuery, lists, setInList } from "@/lib/db/lists";
import { keys } from "@/lib/db/table";
import { untimed } from "@/lib/server-timing";
import {
  AppError,
  claimRefusals,
  defenceRefusals,
  type ClaimRefusal,
  type DefenceRefusal,
} from "@/lib/errors";
import type { AttemptCounts } from "@/lib/schemas/drop-admin";

// Claim outcomes per drop per second, counted in this process's memory and flushed once a second:
// one UpdateItem per (drop, second) that had attempts, onto an item of its own
// (ATTEMPTS#<drop>#<second>#<writer>). The claim path pays a Map increment, never a write, and the
// drop's hot item is never touched. Trade-off: a process that dies loses its last second of counts.

export type Outcome = keyof AttemptCounts;
const FLUSH_EVERY_MS = 1000;
const GIVE_UP_AFTER_S = 300; // a bucket the database keeps refusing is dropped, not retried forever

/** This process's shard: its buckets never collide with another server's. */
const writer = randomBytes(4).toString("hex");
const pending = new Map<string, { dropId: string; second: number; counts: Partial<AttemptCounts> }>();
let timer: ReturnType<typeof setInterval> | undefined;
let flushing: Promise<void> | undefined;

const reasons: readonly string[] = [...claimRefusals, ...defenceRefusals];
const isReason = (code: string): code is ClaimRefusal | DefenceRefusal => reasons.includes(code);

/**
 * Runs a claim and counts its outcome: a new unit, or a refusal by reason (the drop's rules, a
 * rate limit, a missing or bad challenge). Replays are not counted.
 */
export async function countClaimAttempt<T extends { replay: boolean }>(
  dropId: string,
  claim: () => Promise<T>,
): Promise<T> {
  try {
    const result = await claim();
    if (!result.replay) countAttempt(dropId, "CLAIMED");
    return result;
  } catch (err) {
    if (err instanceof AppError && isReason(err.code)) countAttempt(dropId, err.code);
    throw err;
  }
}

export function countAttempt(dropId: string, outcome: Outcome, now = Date.now()): void {
  const counts = bucket(dropId, Math.floor(now / 1000));
  counts[outcome] = (counts[outcome] ?? 0) + 1;
}

/** This process's counts of one outcome of a drop from `fromSecond` on, not yet flushed. */
export function pendingCount(dropId: string, outcome: Outcome, fromSecond: number): number {
  let sum = 0;
  for (const b of pending.values())
    if (b.dropId === dropId && b.second >= fromSecond) sum += b.counts[outcome] ?? 0;
  return sum;
}

/** The pending counts of (drop, second), created on first use; starts the flush timer. */
function bucket(dropId: string, second: number): Partial<AttemptCounts> {
  const key = `${dropId}\n${second}`;
  let b = pending.get(key);
  if (!b) pending.set(key, (b = { dropId, second, counts: {} }));
  if (!timer) {
    // Started by some request, it outlives it: its writes are no request's (lib/server-timing.ts).
    timer = untimed(() =>
      setInterval(() => void flushAttemptCounts().catch(() => undefined), FLUSH_EVERY_MS),
    );
    timer.unref?.();
  }
  return b.counts;
}

/**
 * Writes the buckets of finished seconds (all of them with `all`). A failed write keeps its counts
 * for the next flush. Concurrent callers share one flush; one for `all` first waits out a flush under
 * way, which took only the finished seconds, then writes the rest.
 */
export async function flushAttemptCounts({
  all = false,
  now = Date.now(),
}: { all?: boolean; now?: number } = {}): Promise<void> {
  const second = Math.floor(now / 1000);
  if (all) while (flushing) await flushing.catch(() => undefined); // then this one writes what it left
  flushing ??= flush(all ? Infinity : second, second).finally(() => (flushing = undefined));
  return flushing;
}

async function flush(beforeSecond: number, nowSecond: number): Promise<void> {
  const due = [...pending].filter(([, b]) => b.second < beforeSecond);
  for (const [key] of due) pending.delete(key);
  const failed = await Promise.all(
    due.map(([, b]) =>
      writeBucket(b).then(
        () => undefined,
        () => b,
      ),
    ),
  );
  for (const b of failed) {
    if (!b) continue;
    if (b.second < nowSecond - GIVE_UP_AFTER_S) {
      console.warn(
        `Dropping the attempt counts of ${b.dropId} at ${b.second}: not written for ${GIVE_UP_AFTER_S} s`,
      );
      continue;
    }
    const counts = bucket(b.dropId, b.second); // kept for the next flush
    for (const [o, n] of Object.entries(b.counts) as [Outcome, number][]) counts[o] = (counts[o] ?? 0) + n;
  }
  if (pending.size === 0 && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

async function writeBucket({
  dropId,
  second,
  counts,
}: {
  dropId: string;
  second: number;
  counts: Partial<AttemptCounts>;
}) {
  const outcomes = Object.entries(counts);
  const listed = setInList(lists.attemptsOf(dropId), attemptSortKey(second, writer));
  await table.update({
    Key: keys.attempts(dropId, second, writer),
    // Its own item per (drop, second, process): no other writer shares it, and ADD makes a retry
    // after a lost reply count twice at worst, never lose counts.
    UpdateExpression: `SET dropId = :dropId, #second = :second, ${listed.clause} ADD ${outcomes.map((_, i) => `#o${i} :n${i}`).join(", ")}`,
    ExpressionAttributeNames: {
      "#second": "second",
      ...Object.fromEntries(outcomes.map(([o], i) => [`#o${i}`, o])),
    },
    ExpressionAttributeValues: {
      ":dropId": dropId,
      ":second": second,
      ...listed.values,
      ...Object.fromEntries(outcomes.map(([, n], i) => [`:n${i}`, n])),
    },
  });
}

/** One second's flushed counts of one writer (several per second: one per server). */
export type AttemptBucket = Partial<AttemptCounts> & { second: number };

/** The drop's flushed buckets from `fromSecond` on (the live view's tail, the challenge's minute). */
export async function attemptBucketsSince(dropId: string, fromSecond: number): Promise<AttemptBucket[]> {
  return (await queryAll({
    ...listQuery(lists.attemptsOf(dropId), { op: ">=", sortKey: attemptSortKey(fromSecond) }),
  })) as AttemptBucket[];
}

/** Deletes a drop's attempt counts (a rehearsal drop's removal: lib/admin/delete-drop.ts). */
export async function deleteAttemptCounts(dropId: string): Promise<void> {
  const items = await queryAll({ ...listQuery(lists.attemptsOf(dropId)), ProjectionExpression: "pk" });
  await deleteAll(items.map((a) => ({ pk: a.pk as string })));
}
