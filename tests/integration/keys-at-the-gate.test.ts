// An Idempotency-Key is written only by a request the take gate lets through to the stock, and a
// keyed request told "sold out" first checks that its key has not won (lib/claim/claim-unit.ts).
import { expect, it, vi } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import type { Shopper } from "@/lib/schemas/claim";
import { withFaultProxy } from "./faults";
import { call, createDrop, dropState, mintShoppers, ownTable, storedClaims } from "./helpers";

ownTable("droprush-test-keys-at-the-gate");
const proxy = await withFaultProxy();

type Route = typeof claimRoute;
const claim = (route: Route, dropId: string, s: Shopper, key?: string) =>
  call(route, { params: { id: dropId }, token: s.token, headers: key ? { "idempotency-key": key } : {} });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("a keyed request waiting in the take gate for the last unit, then sold out, writes nothing", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [a, b] = await mintShoppers(2);
  // a's stock write answers slowly: b comes while it is in flight and waits in the gate.
  proxy.setRules([{ kind: "latency", ops: ["UpdateItem"], key: /^DROP#/, latencyMs: 300, times: 1 }]);
  const first = claim(claimRoute, drop.id, a!);
  await sleep(100);
  proxy.resetStats();
  const second = await claim(claimRoute, drop.id, b!, "b-1");
  expect((await first).status).toBe(201);
  expect(second.body.error?.code).toBe("SOLD_OUT");
  // After a's stock write: its claim's Put. b neither reserved nor freed its key: reads only.
  expect(proxy.stats().byOp).toEqual({ PutItem: 1, BatchGetItem: expect.any(Number) });
});

it("a keyed retry on another server, while its original writes its claim, waits for that claim", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [a] = await mintShoppers(1);
  // The original holds its key and the last unit, and is writing its claim (slowly).
  proxy.setRules([{ kind: "latency", ops: ["PutItem"], key: /^CLAIM#/, latencyMs: 400, times: 1 }]);
  const original = claim(claimRoute, drop.id, a!, "order-7");
  await sleep(150);
  // Another server: its own modules, so nothing in flight here is shared with it; its cache
  // loads the drop afresh and finds it sold out.
  vi.resetModules();
  const { POST: otherServer } = await import("@/app/api/drops/[id]/claims/route");
  const retry = await claim(otherServer, drop.id, a!, "order-7");
  const won = await original;
  expect(won.status).toBe(201);
  expect(retry.status).toBe(200); // its claim, not SOLD_OUT: a winner is told they won
  expect(retry.body.claim?.id).toBe(won.body.claim?.id);
  expect((await dropState(drop.id))!.remainingStock).toBe(0);
  expect(await storedClaims(drop.id)).toHaveLength(1);
});
