import "server-only";
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import DataLoader from "dataloader";
import { db, tableName } from "@/lib/db/client";
import { timed, untimed } from "@/lib/server-timing";

type Key = Record<string, string>;
type Item = Record<string, unknown>;

const MAX_KEYS = 100; // BatchGetItem's limit
const UNPROCESSED_TRIES = 5;

/**
 * Consistent reads of single items that arrive together (a stampede's sold-out answers each read the
 * shopper's slot) go out as one BatchGetItem: each SDK call costs this process ~1 ms of CPU, about
 * what Next.js spends on the whole request, and the batch is one call for up to 100 reads. A read
 * waits for the end of the event loop's turn (setImmediate), never longer; alone, it is a batch of
 * one. Nothing is cached: every call reads afresh, with ConsistentRead as a GetItem would.
 * (dataloader: the well-kept batcher for exactly this, no dependencies.)
 */
const loader = new DataLoader<Key, Item | undefined, string>(readBatch, {
  cache: false,
  maxBatchSize: MAX_KEYS,
  // The batch's one call is shared: each caller's wait counts as its `db` time, the call as nobody's.
  batchScheduleFn: (send) => untimed(() => setImmediate(send)),
});

/** The item under `key`, read consistently (undefined when there is none). */
export function getItemBatched(key: Key): Promise<Item | undefined> {
  return timed("db", () => loader.load(key));
}

const idOf = (key: Key) => JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)));

async function readBatch(keys: readonly Key[]): Promise<(Item | undefined)[]> {
  const table = tableName();
  const keyNames = Object.keys(keys[0] ?? {});
  // The same key twice in one batch is refused by DynamoDB: read it once, answer both.
  let pending = [...new Map(keys.map((k) => [idOf(k), k])).values()];
  const found = new Map<string, Item>();
  for (let tries = 1; pending.length > 0; tries++) {
    const res = await db().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of res.Responses?.[table] ?? []) {
      found.set(idOf(Object.fromEntries(keyNames.map((n) => [n, String(item[n])]))), item);
    }
    pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    if (pending.length === 0) break;
    // Left unread (throttled): read again after a short backoff, then give up as a 503 would.
    if (tries >= UNPROCESSED_TRIES) throw throttled();
    await new Promise((r) => setTimeout(r, 25 * 2 ** tries * Math.random()));
  }
  return keys.map((k) => found.get(idOf(k)));
}

function throttled(): Error {
  const err = new Error("BatchGetItem left keys unprocessed after retries.");
  err.name = "ProvisionedThroughputExceededException"; // lib/errors.ts: 503 with Retry-After
  return err;
}
