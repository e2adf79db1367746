// An Idempotency-Key is written only by a request the take gate lets through to the stock, and a
// keyed request told "sold out" first checks that its key has not won (lib/claim/claim-unit.ts).
import { expect, it, vi } from "vitest";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { claimKey, reserveKey } from "@/lib/claim/idempotency";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import type { Shopper } from "@/lib/schemas/claim";
import { withFaultProxy } from "./faults";
import { call, createDrop, dropState, mintShoppers, ownTable, storedClaims } from "./helpers";

ownTable("droprush-test-keys-at-the-gate");
const proxy = await withFaultProxy();

type Route = typeof claimRoute;
const claim = (route: Route, dropId: string, s: Shopper, key?: string) =>
  call(route, { params: { id: dropId }, token: s.token, headers: key ? { "idempotency-key": key } : {} });
/** Until the proxy holds the write its latency rule picked (the request is mid-flight there). */
async function untilHeld(): Promise<void> {
  for (let waited = 0; proxy.stats().injected.latency === 0; waited += 5) {
    if (waited > 5000) throw new Error("the slowed write never came");
    await new Promise((r) => setTimeout(r, 5));
  }
}

it("a keyed request waiting in the take gate for the last unit, then sold out, writes nothing", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [a, b] = await mintShoppers(2);
  // a's stock write answers slowly: b comes while it is in flight and waits in the gate.
  proxy.setRules([{ kind: "latency", ops: ["UpdateItem"], key: /^DROP#/, latencyMs: 300, times: 1 }]);
  proxy.resetStats();
  const first = claim(claimRoute, drop.id, a!);
  await untilHeld();
  proxy.resetStats();
  const second = await claim(claimRoute, drop.id, b!, "b-1");
  expect((await first).status).toBe(201);
  expect(second.body.error?.code).toBe("SOLD_OUT");
  // After a's stock write: its claim's Put. b neither reserved nor freed its key, nor took a slot
  // (the admin's attempt counts may flush an UpdateItem meanwhile: not counted here).
  const { PutItem, DeleteItem } = proxy.stats().byOp;
  expect({ PutItem, DeleteItem }).toEqual({ PutItem: 1, DeleteItem: undefined });
});

it("a keyed retry on another server, while its original writes its claim, waits for that claim", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [a] = await mintShoppers(1);
  // The original holds its key and the last unit, and is writing its claim (slowly).
  proxy.setRules([{ kind: "latency", ops: ["PutItem"], key: /^CLAIM#/, latencyMs: 400, times: 1 }]);
  proxy.resetStats();
  const original = claim(claimRoute, drop.id, a!, "order-7");
  await untilHeld();
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

it("a key held with no claim long past any writer's life does not hold up a sold-out answer", async () => {
  const drop = await createDrop({ totalStock: 1 });
  const [a, b] = await mintShoppers(2);
  expect((await claim(claimRoute, drop.id, b!)).status).toBe(201);
  // a's earlier request reserved this key, took nothing and crashed before freeing it.
  const stuck = { dropId: drop.id, shopperId: a!.shopperId, key: "order-9" };
  const at = Date.now() - WRITER_DEAD_MS - 1000;
  expect(await reserveKey({ ...claimKey(stuck), now: at, keepUntil: Date.now() + 86_400_000 })).toBe(true);
  const started = performance.now();
  const retry = await claim(claimRoute, drop.id, a!, "order-9");
  expect(retry.body.error?.code).toBe("SOLD_OUT"); // not a 5 s wait, then IN_PROGRESS
  expect(performance.now() - started).toBeLessThan(1000);
});
