// Proves scripts/faults/proxy.ts against a real DynamoDB emulator: each fault kind reaches the AWS SDK
// the way a real fault would (and was or was not applied), filters and counters behave, and the
// write budget throttles per partition key. Its own dynalite, so it needs no global setup.
import { createServer, type AddressInfo } from "node:net";
import type { Server } from "node:http";
import dynalite from "dynalite";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy, type FaultRule } from "@/scripts/faults/proxy";

const TABLE = "faults";
let db: Server;
let proxy: FaultProxy;
let direct: DynamoDBDocumentClient;
let via: DynamoDBDocumentClient;
const clients: DynamoDBClient[] = [];

function docClient(endpoint: string, maxAttempts = 1) {
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts,
  });
  clients.push(client);
  return DynamoDBDocumentClient.from(client);
}

const put = (pk: string, c = via) => c.send(new PutCommand({ TableName: TABLE, Item: { pk, n: 1 } }));
const get = (pk: string, c = via) => c.send(new GetCommand({ TableName: TABLE, Key: { pk } }));
const stored = async (pk: string) =>
  (await direct.send(new GetCommand({ TableName: TABLE, Key: { pk }, ConsistentRead: true }))).Item;
/** The error a call fails with (or undefined when it succeeds). */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: Error & { $metadata?: { httpStatusCode?: number }; code?: string }) => e,
  );
const names = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === "fulfilled" ? "ok" : (r.reason as Error).name));
const fire = (rules: FaultRule[]) => proxy.setRules(rules);

beforeAll(async () => {
  db = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, "127.0.0.1", resolve));
  const dbEndpoint = `http://127.0.0.1:${(db.address() as AddressInfo).port}`;
  direct = docClient(dbEndpoint);
  await direct.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  proxy = await startFaultProxy({ target: dbEndpoint, seed: 42 });
  via = docClient(proxy.endpoint);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await proxy?.close();
  await new Promise((resolve) => db?.close(resolve));
});

beforeEach(() => {
  fire([]);
  proxy.setWriteBudget(undefined);
  proxy.resetStats();
});

describe("fault proxy", () => {
  it("forwards untouched requests and counts them by operation", async () => {
    await put("plain");
    expect((await get("plain")).Item).toEqual({ pk: "plain", n: 1 });
    expect(proxy.stats()).toMatchObject({ requests: 2, byOp: { PutItem: 1, GetItem: 1 } });
    expect(proxy.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("lose-response: the call fails with a network error but the write was applied", async () => {
    fire([{ kind: "lose-response", ops: ["PutItem"] }]);
    const err = await failure(put("lost"));
    expect(err).toBeDefined();
    expect(err?.$metadata?.httpStatusCode).toBeUndefined(); // no HTTP answer at all
    expect(await stored("lost")).toEqual({ pk: "lost", n: 1 });
    expect((await get("lost")).Item).toBeDefined(); // the proxy and the SDK's pool recover
  });

  it("reset-before: the call fails and nothing was applied", async () => {
    fire([{ kind: "reset-before", ops: ["PutItem"] }]);
    expect(await failure(put("reset"))).toBeDefined();
    expect(await stored("reset")).toBeUndefined();
  });

  it.each([
    ["throttle", "ProvisionedThroughputExceededException", 400],
    ["throttling", "ThrottlingException", 400],
    ["internal", "InternalServerError", 500],
  ] as const)("%s: the SDK surfaces %s (HTTP %i) and nothing was applied", async (kind, name, status) => {
    fire([{ kind }]);
    const err = await failure(put(`err-${kind}`));
    expect(err?.name).toBe(name);
    expect(err?.$metadata?.httpStatusCode).toBe(status);
    expect(await stored(`err-${kind}`)).toBeUndefined();
  });

  it("latency delays the request by latencyMs, then forwards it", async () => {
    fire([{ kind: "latency", latencyMs: 300, ops: ["PutItem"] }]);
    const started = performance.now();
    await put("slow");
    expect(performance.now() - started).toBeGreaterThanOrEqual(295); // timer granularity
    expect(await stored("slow")).toBeDefined();
    expect(proxy.stats().injected.latency).toBe(1);
  });

  it("ops and key filters pick which requests a rule hits", async () => {
    fire([
      { kind: "throttle", ops: ["UpdateItem"] },
      { kind: "internal", key: "DROP#a" },
      { kind: "throttling", key: /^shopper-\d+$/ },
    ]);
    await put("other"); // no rule matches
    const update = via.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: "other" },
        UpdateExpression: "SET n = :n",
        ExpressionAttributeValues: { ":n": 2 },
      }),
    );
    expect((await failure(update))?.name).toBe("ProvisionedThroughputExceededException");
    expect((await failure(get("DROP#abc")))?.name).toBe("InternalServerError"); // string = prefix
    expect((await failure(get("shopper-12")))?.name).toBe("ThrottlingException");
    expect(await failure(get("shopper-12x"))).toBeUndefined();
  });

  it("matches Query by `<index or table>:<first :value>`", async () => {
    fire([{ kind: "throttle", ops: ["Query"], key: "table:q-1" }]);
    const query = (pk: string) =>
      via.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
        }),
      );
    expect((await failure(query("q-1")))?.name).toBe("ProvisionedThroughputExceededException");
    expect(await failure(query("q-2"))).toBeUndefined();
  });

  it("times: a rule fires at most that often; setRules resets the count", async () => {
    const rules: FaultRule[] = [{ kind: "throttle", times: 2 }];
    fire(rules);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await failure(get("t")))?.name ?? "ok");
    expect(outcomes).toEqual([
      "ProvisionedThroughputExceededException",
      "ProvisionedThroughputExceededException",
      "ok",
    ]);
    fire(rules);
    expect((await failure(get("t")))?.name).toBe("ProvisionedThroughputExceededException");
  });

  it("the first rule that fires wins; a spent rule falls through to the next", async () => {
    fire([{ kind: "throttling", times: 1 }, { kind: "internal" }]);
    expect((await failure(get("order")))?.name).toBe("ThrottlingException");
    expect((await failure(get("order")))?.name).toBe("InternalServerError");
  });

  it("probability rolls repeat exactly under the same seed", async () => {
    const run = async () => {
      proxy.setSeed(7);
      fire([{ kind: "internal", probability: 0.5 }]);
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push((await failure(get("p")))?.name ?? "ok");
      return out;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain("ok");
    expect(first).toContain("InternalServerError");
  });

  it("write budget: a token bucket per partition key, refilled per second", async () => {
    proxy.setWriteBudget({ writesPerSecond: 5, burst: 5 });
    const burst = (pk: string, n: number) => Promise.allSettled(Array.from({ length: n }, () => put(pk)));
    const first = names(await burst("hot", 10));
    expect(first.filter((n) => n === "ok")).toHaveLength(5);
    expect(first.filter((n) => n === "ProvisionedThroughputExceededException")).toHaveLength(5);
    expect(names(await burst("cold", 5))).toEqual(Array(5).fill("ok")); // its own bucket
    expect((await get("hot")).Item).toBeDefined(); // reads are not budgeted
    await new Promise((r) => setTimeout(r, 1_050));
    expect(names(await burst("hot", 6)).filter((n) => n === "ok")).toHaveLength(5);
    expect(proxy.stats().injected["budget-throttle"]).toBe(6);
  });

  it("write budget: failed conditional writes spend a token; budget.key limits which keys", async () => {
    proxy.setWriteBudget({ writesPerSecond: 0.001, burst: 2, key: "cond" });
    const putNew = () =>
      via.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: "cond" },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    await put("cond", direct);
    expect((await failure(putNew()))?.name).toBe("ConditionalCheckFailedException");
    expect((await failure(putNew()))?.name).toBe("ConditionalCheckFailedException");
    expect((await failure(putNew()))?.name).toBe("ProvisionedThroughputExceededException");
    for (let i = 0; i < 5; i++) await put("unbudgeted");
  });

  it("stats count injected faults by kind and operation; resetStats clears them", async () => {
    fire([
      { kind: "throttle", ops: ["GetItem"], times: 2 },
      { kind: "reset-before", ops: ["PutItem"], times: 1 },
    ]);
    await Promise.allSettled([get("s"), get("s"), get("s"), put("s"), put("s")]);
    const s = proxy.stats();
    expect(s).toMatchObject({ requests: 5, byOp: { GetItem: 3, PutItem: 2 } });
    expect(s.injected).toMatchObject({ throttle: 2, "reset-before": 1, internal: 0, "budget-throttle": 0 });
    expect(s.injectedByOp).toEqual({ GetItem: 2, PutItem: 1 });
    proxy.resetStats();
    expect(proxy.stats()).toMatchObject({ requests: 0, byOp: {}, injectedByOp: {} });
  });

  it("with the SDK's default retries, a lost answer to a non-idempotent write applies it twice", async () => {
    const retrying = docClient(proxy.endpoint, 3);
    await put("counter", direct);
    fire([{ kind: "lose-response", ops: ["UpdateItem"], times: 1 }]);
    await retrying.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: "counter" },
        UpdateExpression: "ADD n :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
    expect(await stored("counter")).toEqual({ pk: "counter", n: 3 }); // 1 + 1 + 1: the retry re-applied it
    expect(proxy.stats().byOp.UpdateItem).toBe(2);
  });

  it("survives clients that hang up mid-request and upstreams that are down", async () => {
    fire([{ kind: "latency", latencyMs: 300 }]);
    const abort = new AbortController();
    const pending = failure(
      via.send(new GetCommand({ TableName: TABLE, Key: { pk: "x" } }), { abortSignal: abort.signal }),
    );
    setTimeout(() => abort.abort(), 50);
    expect(await pending).toBeDefined();
    await new Promise((r) => setTimeout(r, 400)); // let the delayed request find its client gone
    fire([]);
    expect(await failure(get("x"))).toBeUndefined();

    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const dead = await startFaultProxy({ target: `http://127.0.0.1:${closedPort}` });
    expect(await failure(get("x", docClient(dead.endpoint)))).toBeDefined();
    await dead.close();
  });
});
