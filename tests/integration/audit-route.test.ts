// The admin audit route: admin-only, and it reports what the data layer finds.
import { expect, it } from "vitest";
import { POST as auditRoute } from "@/app/api/admin/drops/[id]/audit/route";
import { dropProof } from "@/lib/claim/audit";
import { claimUnit } from "@/lib/claim/claim-unit";
import { trustedProof } from "@/lib/claim/guest-proof";
import { adminToken, call, createDrop, dropState, mintShoppers } from "./helpers";

it("refuses anyone but the admin, and changes nothing then", async () => {
  const drop = await createDrop({ totalStock: 3 });
  const before = await dropState(drop.id);
  expect((await call(auditRoute, { method: "POST", params: { id: drop.id } })).status).toBe(401);
  expect(
    (await call(auditRoute, { method: "POST", params: { id: drop.id }, token: "wrong-token-0123456789" }))
      .status,
  ).toBe(401);
  expect(
    (await call(auditRoute, { method: "POST", params: { id: "no-such-drop" }, token: adminToken() })).body
      .error?.code,
  ).toBe("NOT_FOUND");
  expect(await dropState(drop.id)).toEqual(before); // other test files share the table: compare this drop
});

it("reports a reconciled drop as in agreement", async () => {
  const drop = await createDrop({ totalStock: 3 });
  const shoppers = await mintShoppers(2);
  for (const s of shoppers) await claimUnit({ dropId: drop.id, shopperId: s.shopperId, proof: trustedProof });
  const res = await call(auditRoute, { method: "POST", params: { id: drop.id }, token: adminToken() });
  expect(res.status).toBe(200);
  expect(res.body.report).toMatchObject({
    totalStock: 3,
    remainingStock: 1,
    held: 2,
    confirmed: 0,
    unaccounted: 0,
    action: "none",
    returned: 0,
  });
});

it("the public proof is computed once per 5 s per drop, then afresh", async () => {
  const drop = await createDrop({ totalStock: 2 });
  const [a, b] = await mintShoppers(2);
  await claimUnit({ dropId: drop.id, shopperId: a!.shopperId, proof: trustedProof });
  const now = Date.now();
  const first = await dropProof(drop.id, now);
  expect(first).toMatchObject({ totalStock: 2, held: 1, oversold: 0, unaccounted: 0 });
  await claimUnit({ dropId: drop.id, shopperId: b!.shopperId, proof: trustedProof });
  expect(await dropProof(drop.id, now + 4_000)).toBe(first); // many page loads, one computation
  expect(await dropProof(drop.id, now + 5_000)).toMatchObject({ held: 2, winners: 2, remainingStock: 0 });
});
