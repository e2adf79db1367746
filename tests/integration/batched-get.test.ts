// lib/db/batched-get.ts: reads that arrive together go out as one BatchGetItem, each still answered
// with its own item (or none), consistently, with nothing cached; keys left unprocessed are read again.
import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getItemBatched } from "@/lib/db/batched-get";
import { db, tableName } from "@/lib/db/client";
import { withFaultProxy } from "./faults";
import { ownTable } from "./helpers";

ownTable("droprush-test-batched-get");
const proxy = await withFaultProxy();
const put = (pk: string, n: number) => db().send(new PutCommand({ TableName: tableName(), Item: { pk, n } }));

beforeEach(() => proxy.resetStats());
afterEach(() => vi.restoreAllMocks());

describe("batched consistent reads", () => {
  it("answers concurrent reads with one BatchGetItem: own items, missing ones, the same key twice", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => put(`BG#${i}`, i)));
    proxy.resetStats();
    const keys = [...Array.from({ length: 50 }, (_, i) => `BG#${i}`), "BG#7", "BG#45"];
    const items = await Promise.all(keys.map((pk) => getItemBatched({ pk })));
    expect(items.map((item) => item?.n)).toEqual(
      keys.map((pk) => {
        const n = Number(pk.slice(3));
        return n < 40 ? n : undefined;
      }),
    );
    expect(proxy.stats().byOp).toEqual({ BatchGetItem: 1 });
  });

  it("splits past BatchGetItem's 100 keys", async () => {
    const items = await Promise.all(
      Array.from({ length: 250 }, (_, i) => getItemBatched({ pk: `BIG#${i}` })),
    );
    expect(items.every((item) => item === undefined)).toBe(true);
    expect(proxy.stats().byOp).toEqual({ BatchGetItem: 3 });
  });

  it("reads afresh every time: a write between two reads is seen by the second", async () => {
    await put("FRESH", 1);
    expect((await getItemBatched({ pk: "FRESH" }))?.n).toBe(1);
    await put("FRESH", 2);
    expect((await getItemBatched({ pk: "FRESH" }))?.n).toBe(2);
  });

  it("reads keys left unprocessed (throttled) again, then answers each", async () => {
    await put("UNP#1", 1);
    await put("UNP#2", 2);
    const send = db().send.bind(db());
    let first = true;
    vi.spyOn(db(), "send").mockImplementation((async (command: unknown) => {
      if (!(command instanceof BatchGetCommand) || !first) return send(command as never);
      first = false;
      // DynamoDB answered one key and left the other for later.
      const answered = await send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: [{ pk: "UNP#1" }], ConsistentRead: true } },
        }),
      );
      return { ...answered, UnprocessedKeys: { [tableName()]: { Keys: [{ pk: "UNP#2" }] } } };
    }) as never);
    const [a, b] = await Promise.all([getItemBatched({ pk: "UNP#1" }), getItemBatched({ pk: "UNP#2" })]);
    expect([a?.n, b?.n]).toEqual([1, 2]);
  });

  it("a key left unprocessed every time fails alone, as a throttled read (503); the others are answered", async () => {
    await put("STUCK#1", 1);
    const send = db().send.bind(db());
    vi.spyOn(db(), "send").mockImplementation((async (command: unknown) => {
      if (!(command instanceof BatchGetCommand)) return send(command as never);
      const answered = await send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: [{ pk: "STUCK#1" }], ConsistentRead: true } },
        }),
      );
      return { ...answered, UnprocessedKeys: { [tableName()]: { Keys: [{ pk: "STUCK#2" }] } } };
    }) as never);
    const [a, b] = await Promise.allSettled([
      getItemBatched({ pk: "STUCK#1" }),
      getItemBatched({ pk: "STUCK#2" }),
    ]);
    expect(a.status === "fulfilled" && a.value?.n).toBe(1);
    expect(b.status === "rejected" && (b.reason as Error).name).toBe(
      "ProvisionedThroughputExceededException",
    );
  });

  it("two callers of the same key never share one item object", async () => {
    await put("SHARED", 1);
    const [a, b] = await Promise.all([getItemBatched({ pk: "SHARED" }), getItemBatched({ pk: "SHARED" })]);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  it("a throttled batch is retried by the SDK and still answers every read", async () => {
    await put("THR#1", 1);
    proxy.setRules([{ kind: "throttle", ops: ["BatchGetItem"], times: 1 }]);
    const items = await Promise.all([getItemBatched({ pk: "THR#1" }), getItemBatched({ pk: "THR#2" })]);
    expect(items.map((item) => item?.n)).toEqual([1, undefined]);
    expect(proxy.stats().byOp.BatchGetItem).toBe(2);
  });
});
