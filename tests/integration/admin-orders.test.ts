// The live view's orders and revenue: counted from the confirmed claims (no counter, so a confirm
// writes nothing more), each order once however often its confirm is sent, and still once after
// the claims are folded into the per-process total.
import { expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/admin/drops/[id]/metrics/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { getDropMetrics } from "@/lib/admin/metrics";
import { getOrderTotals } from "@/lib/admin/orders";
import { claimUnit } from "@/lib/claim/claim-unit";
import { trustedProof } from "@/lib/claim/guest-proof";
import type { DropMetrics } from "@/lib/schemas/drop-admin";
import type { Shopper } from "@/lib/schemas/claim";
import { adminToken, call, createDrop, mintShoppers, ownTable } from "./helpers";

ownTable("droprush-test-admin-orders");

const buyer = (n: number) => ({
  name: `Buyer ${n}`,
  email: `buyer${n}@example.com`,
  shippingAddress: "1 Drop Street\nSpringfield",
});

it("counts each confirmed hold once, with its recorded total, in the drop's currency", async () => {
  const drop = await createDrop({ priceCents: 2_550, currency: "EUR", totalStock: 5, holdSeconds: 300 });
  const shoppers = await mintShoppers(3);
  const claimIds: string[] = [];
  for (const s of shoppers) {
    const held = await call(claimRoute, { params: { id: drop.id }, token: s.token });
    expect(held.status).toBe(201);
    claimIds.push(held.body.claim!.id);
  }
  const metrics = async () => {
    const res = await metricsRoute(
      new Request(`http://test/api/admin/drops/${drop.id}/metrics`, {
        headers: { authorization: `Bearer ${adminToken()}` },
      }),
      { params: Promise.resolve({ id: drop.id }) },
    );
    expect(res.status).toBe(200);
    return (await res.json()) as DropMetrics;
  };
  expect(await metrics()).toMatchObject({ orders: 0, revenue: [], sold: 3 });

  // Two of the three check out; the first one's confirm is sent three times (a double click, a resend).
  const confirm = (i: number) =>
    call(confirmRoute, { params: { claimId: claimIds[i]! }, token: shoppers[i]!.token, json: buyer(i) });
  expect((await Promise.all([confirm(0), confirm(0), confirm(0)])).map((r) => r.status)).toEqual([
    200, 200, 200,
  ]);
  expect((await confirm(1)).status).toBe(200);

  const after = await getDropMetrics({ id: drop.id, now: Date.now() + 5_100 }); // past the 5 s cache
  expect(after).toMatchObject({ orders: 2, revenue: [{ currency: "EUR", cents: 5_100 }], sold: 3 });

  // Long after every hold's deadline the claims are final and folded into the total, once: the next
  // polls read none of them again and count the same.
  const later = Date.now() + (300 + 120) * 1000;
  for (const now of [later, later + 5_500, later + 60_000]) {
    expect(await getOrderTotals({ dropId: drop.id, now })).toEqual({
      orders: 2,
      revenue: [{ currency: "EUR", cents: 5_100 }],
    });
  }
});

it("a drop with no order yet has none, and another drop's orders are not its own", async () => {
  const drop = await createDrop({ priceCents: 1_000, currency: "JPY", totalStock: 2 });
  const [s] = await mintShoppers(1);
  expect((await call(claimRoute, { params: { id: drop.id }, token: s!.token })).status).toBe(201);
  expect(await getOrderTotals({ dropId: drop.id })).toEqual({
    orders: 0,
    revenue: [],
  });
});

it("still counts an order whose claim a server with a slower clock wrote after newer ones had ended", async () => {
  const drop = await createDrop({ priceCents: 700, currency: "USD", totalStock: 5, holdSeconds: 300 });
  const [a, b] = await mintShoppers(2);
  const now = Date.now();
  const hold = async (s: Shopper, at: number, n: number) => {
    const result = await claimUnit({ dropId: drop.id, shopperId: s.shopperId, now: at, proof: trustedProof });
    if (!("claim" in result)) throw new Error(`no hold: ${JSON.stringify(result)}`);
    const confirmed = await call(confirmRoute, {
      params: { claimId: result.claim.id },
      token: s.token,
      json: buyer(n),
    });
    expect(confirmed.status).toBe(200);
  };
  // A's order is final (confirmed) at once; then B's claim arrives from a server 30 s behind, so it
  // sorts before A's. A must not have been folded away with B's place behind it.
  await hold(a!, now - 10_000, 1);
  expect(await getOrderTotals({ dropId: drop.id, now })).toMatchObject({ orders: 1 });
  await hold(b!, now - 30_000, 2);
  expect(await getOrderTotals({ dropId: drop.id, now: now + 5_100 })).toMatchObject({ orders: 2 });
});
