import "server-only";
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import DataLoader from "dataloader";
import { db, tableName } from "@/lib/db/client";
import { timed, untimed } from "@/lib/server-timing";

/** The table's key: one string attribute, `pk` (lib/db/table.ts). */
export type Key = { pk: string };
type Item = Record<string, unknown>;

const MAX_KEYS = 100; // BatchGetItem's limit
const UNPROCESSED_TRIES = 5;

/**
 * Consistent reads of single items that arrive together (a stampede's sold-out answers each read the
 * shopper's slot) go out as one BatchGetItem: each SDK call costs this process ~1 ms of CPU, about
 * what Next.js spends on the whole request, and the batch is one call for up to 100 reads. A read
 * waits for the end of the event loop's turn (setImmediate), never longer; alone, it is a batch of
 * one. Nothing is cached: every call reads afresh, with ConsistentRead as a GetItem would.
 * (dataloader: the well-kept batcher for exactly this, no dependencies.) One loader per table, so a
 * batch never mixes tables.
 */
const loaders = new Map<string, DataLoader<Key, Item | undefined, string>>();

/** The item under `key`, read consistently (undefined when there is none). */
export function getItemBatched(key: Key): Promise<Item | undefined> {
  const table = tableName();
  let loader = loaders.get(table);
  if (!loader) {
    loader = new DataLoader((keys) => readBatch(table, keys), {
      cache: false,
      maxBatchSize: MAX_KEYS,
      // The batch's one call is shared: each caller's wait counts as its `db` time, the call as nobody's.
      batchScheduleFn: (send) => untimed(() => setImmediate(send)),
    });
    loaders.set(table, loader);
  }
  const load = loader;
  return timed("db", () => load.load(key));
}

async function readBatch(table: string, keys: readonly Key[]): Promise<(Item | undefined | Error)[]> {
  const { found, unread } = await readKeys(table, keys, true);
  const answered = new Set<string>();
  return keys.map((k) => {
    if (unread.has(k.pk)) return throttled();
    const item = found.get(k.pk);
    // A second caller of the same key gets its own copy: callers never share a mutable item.
    if (item && answered.has(k.pk)) return structuredClone(item);
    answered.add(k.pk);
    return item;
  });
}

/**
 * The one batch read: items by key (any number, 100 a request), in no particular order, missing
 * ones left out. A key still unprocessed after retries fails the whole read (a 503).
 */
export async function batchGet(keyList: readonly Key[], consistent = false): Promise<Item[]> {
  const unique = [...new Map(keyList.map((k) => [k.pk, k])).values()];
  const items: Item[] = [];
  for (let i = 0; i < unique.length; i += MAX_KEYS) {
    const { found, unread } = await readKeys(tableName(), unique.slice(i, i + MAX_KEYS), consistent);
    if (unread.size > 0) throw throttled();
    items.push(...found.values());
  }
  return items;
}

/** One BatchGetItem of ≤ 100 keys, unprocessed keys read again after a short backoff. */
async function readKeys(table: string, keys: readonly Key[], consistent: boolean) {
  // The same key twice in one batch is refused by DynamoDB: read it once.
  let pending = [...new Map(keys.map((k) => [k.pk, k])).values()];
  const found = new Map<string, Item>();
  for (let tries = 1; pending.length > 0; tries++) {
    const res = await db().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: consistent } } }),
    );
    for (const item of res.Responses?.[table] ?? []) found.set(String(item.pk), item);
    pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    if (pending.length === 0 || tries >= UNPROCESSED_TRIES) break;
    // Left unread (throttled): read again after a short backoff.
    await new Promise((r) => setTimeout(r, 25 * 2 ** tries * Math.random()));
  }
  return { found, unread: new Set(pending.map((k) => k.pk)) };
}

function throttled(): Error {
  const err = new Error("BatchGetItem left this key unprocessed after retries.");
  err.name = "ProvisionedThroughputExceededException"; // lib/errors.ts: 503 with Retry-After
  return err;
}
