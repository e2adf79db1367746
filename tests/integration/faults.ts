// Puts the fault proxy (scripts/faults/proxy.ts) between this test file's app code and the test
// database. Call it at the top of the file, before anything touches the database: the app's
// clients are built on first use, from DYNAMODB_ENDPOINT.
import { afterAll, afterEach } from "vitest";
import { startFaultProxy, type FaultProxy } from "../../scripts/faults/proxy";

export async function withFaultProxy(): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ target: process.env.DYNAMODB_ENDPOINT as string, seed: 7 });
  process.env.DYNAMODB_ENDPOINT = proxy.endpoint;
  afterEach(() => proxy.setRules([]));
  afterAll(() => proxy.close());
  return proxy;
}
