// Tracing and metrics (lib/telemetry.ts, docs/telemetry.md): an SDK with an in-memory exporter is
// registered for this file alone (its own worker), and claims go through the real route handler.
// A claim's trace has its steps and its DynamoDB calls with the outcome; a throttled stock write
// shows its retries; the metrics count claims by outcome and the throttled attempts.
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { MeterProvider, MetricReader, type SumMetricData } from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import type { Shopper } from "@/lib/schemas/claim";
import { withFaultProxy } from "./faults";
import { call, createDrop, mintShoppers, ownTable } from "./helpers";

const spans = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager().enable();
context.setGlobalContextManager(contextManager);
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
/** A reader the test collects from when it wants (cumulative sums). */
class Reader extends MetricReader {
  protected onForceFlush = async () => undefined;
  protected onShutdown = async () => undefined;
}
const reader = new Reader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
afterAll(() => {
  trace.disable();
  metrics.disable();
  context.disable();
});

ownTable("droprush-test-telemetry");
const proxy = await withFaultProxy();
beforeEach(() => spans.reset());

const claim = (dropId: string, s: Shopper, key?: string) =>
  call(claimRoute, {
    params: { id: dropId },
    token: s.token,
    headers: key ? { "idempotency-key": key } : {},
  });

/** The one `claim` span of the last request, and its trace by parent. */
function claimTrace() {
  const all = spans.getFinishedSpans();
  const roots = all.filter((s) => s.name === "claim");
  expect(roots).toHaveLength(1);
  const root = roots[0]!;
  expect(root.parentSpanContext).toBeUndefined(); // the handler is called directly: no Next span above
  const inTrace = all.filter((s) => s.spanContext().traceId === root.spanContext().traceId);
  const childrenOf = (span: ReadableSpan) =>
    inTrace.filter((s) => s.parentSpanContext?.spanId === span.spanContext().spanId);
  const named = (name: string) => inTrace.filter((s) => s.name === name);
  return { root, inTrace, childrenOf, named };
}

/** Sum of a counter's points whose attributes include `attrs`. */
async function counted(name: string, attrs: Record<string, string> = {}): Promise<number> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics
    .flatMap((s) => s.metrics)
    .find((m) => m.descriptor.name === name) as SumMetricData | undefined;
  return (metric?.dataPoints ?? [])
    .filter((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v))
    .reduce((n, p) => n + p.value, 0);
}

describe("a claim's trace", () => {
  it("has a root `claim` span with each step and its DynamoDB calls, outcome won; sold out is an answer", async () => {
    const drop = await createDrop({ totalStock: 1 });
    const [a, b] = await mintShoppers(2);
    const wonBefore = await counted("droprush.claims", { "droprush.outcome": "won" });
    expect((await claim(drop.id, a!, "key-1")).status).toBe(201);

    const { root, childrenOf, named } = claimTrace();
    expect(root.attributes).toMatchObject({
      "droprush.drop": drop.id,
      "droprush.shard": 0,
      "droprush.outcome": "won",
    });
    const steps = childrenOf(root).map((s) => s.name);
    for (const step of ["claim.cache", "claim.gate", "claim.key", "claim.slot", "claim.stock", "claim.hold"])
      expect(steps).toContain(step);
    // Every step that writes has its DynamoDB call under it, named by operation.
    const dbCalls = (step: string) =>
      childrenOf(named(step)[0]!).map((s) => [
        s.name,
        s.attributes["db.operation"],
        s.attributes["db.system"],
      ]);
    expect(dbCalls("claim.key")).toContainEqual(["DynamoDB.PutItem", "PutItem", "dynamodb"]);
    expect(dbCalls("claim.slot")).toContainEqual(["DynamoDB.UpdateItem", "UpdateItem", "dynamodb"]);
    expect(dbCalls("claim.stock")).toEqual([["DynamoDB.UpdateItem", "UpdateItem", "dynamodb"]]);
    expect(dbCalls("claim.hold")).toContainEqual(["DynamoDB.PutItem", "PutItem", "dynamodb"]);
    const stock = named("claim.stock")[0]!;
    expect(stock.attributes).toMatchObject({ "droprush.shard": 0, "droprush.outcome": "taken" });
    expect(childrenOf(stock)[0]!.attributes).toMatchObject({
      "aws.dynamodb.table_names": ["droprush-test-telemetry"],
      "droprush.retries": 0,
    });
    expect(await counted("droprush.claims", { "droprush.outcome": "won" })).toBe(wonBefore + 1);

    // The unit is gone: the next shopper's claim is answered sold out, a refusal, not a failure.
    spans.reset();
    expect((await claim(drop.id, b!)).body.error?.code).toBe("SOLD_OUT");
    const soldOut = claimTrace().root;
    expect(soldOut.attributes["droprush.outcome"]).toBe("sold_out");
    expect(soldOut.status.code).not.toBe(2); // SpanStatusCode.ERROR
    expect(await counted("droprush.claims", { "droprush.outcome": "sold_out" })).toBe(1);
  });

  it("a throttled stock write shows its retries: the step's attribute, a DynamoDB span per try, and the metric", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const [a] = await mintShoppers(1);
    const throttlesBefore = await counted("droprush.db.throttles");
    // THE write is refused for capacity twice, then lands (lib/db/write-once.ts retries it).
    proxy.setRules([{ kind: "throttle", ops: ["UpdateItem"], key: `DROP#${drop.id}`, times: 2 }]);
    expect((await claim(drop.id, a!)).status).toBe(201);

    const { root, childrenOf, named } = claimTrace();
    expect(root.attributes["droprush.outcome"]).toBe("won");
    const stock = named("claim.stock");
    expect(stock).toHaveLength(1);
    expect(stock[0]!.attributes["droprush.retries"]).toBe(2);
    const tries = childrenOf(stock[0]!);
    expect(tries.map((s) => [s.name, s.attributes["droprush.outcome"] ?? "ok"])).toEqual([
      ["DynamoDB.UpdateItem", "ProvisionedThroughputExceededException"],
      ["DynamoDB.UpdateItem", "ProvisionedThroughputExceededException"],
      ["DynamoDB.UpdateItem", "ok"],
    ]);
    expect(await counted("droprush.db.throttles", { "db.operation": "UpdateItem" })).toBe(
      throttlesBefore + 2,
    );
  });
});
