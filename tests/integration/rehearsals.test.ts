// Rehearsal drops (the race arena's and the race CLI's): once over they are deleted with their
// claims, so rehearsals do not pile up; never one with an order, never a drop that is no rehearsal.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "@/app/api/admin/drops/[id]/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { getClaim } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { adminToken, call, createDrop, mintShoppers } from "./helpers";

const remove = (id: string) => call(deleteRoute, { params: { id }, token: adminToken() });
const item = async (Key: { pk: string }) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key }))).Item;

describe("DELETE /api/admin/drops/{id} of a rehearsal", () => {
  it("ends a live rehearsal and removes it with its claims and stock shards", async () => {
    const drop = await createDrop({ totalStock: 8, stockShards: 4, rehearsal: true, listed: false });
    const shoppers = await mintShoppers(5);
    const claims = await Promise.all(
      shoppers.map((s) => call(claimRoute, { params: { id: drop.id }, token: s.token })),
    );
    expect(claims.every((c) => c.status === 201)).toBe(true);

    const res = await remove(drop.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deleted: drop.id });
    expect((await call(getRoute, { params: { id: drop.id }, token: adminToken() })).status).toBe(404);
    for (const c of claims) expect(await getClaim({ id: c.body.claim!.id })).toBeUndefined();
    for (const n of [1, 2, 3]) expect(await item(keys.dropShard(drop.id, n))).toBeUndefined();
    expect(await item(keys.dropInfo(drop.id))).toBeUndefined();
    expect((await remove(drop.id)).status).toBe(404); // gone
  });

  it("keeps a rehearsal with a checked-out unit: 409 HAS_ORDERS, and the order stays", async () => {
    const drop = await createDrop({ totalStock: 2, rehearsal: true });
    const [s] = await mintShoppers(1);
    const held = await call(claimRoute, { params: { id: drop.id }, token: s!.token });
    const claimId = held.body.claim!.id;
    const who = { name: "Ada", email: "ada@example.com", shippingAddress: "1 Drop Street" };
    expect((await call(confirmRoute, { params: { claimId }, token: s!.token, json: who })).status).toBe(200);

    const res = await remove(drop.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("HAS_ORDERS");
    expect((await getClaim({ id: claimId }))?.status).toBe("confirmed");
    expect((await call(getRoute, { params: { id: drop.id }, token: adminToken() })).body.drop?.status).toBe(
      "ended",
    );
  });

  it("a published drop that is no rehearsal is still refused (409 NOT_DRAFT), and PATCH cannot make one", async () => {
    const drop = await createDrop({ totalStock: 2 });
    const patch = await call(patchRoute, {
      params: { id: drop.id },
      token: adminToken(),
      json: { rehearsal: true },
    });
    expect(patch.status).toBe(400);
    const res = await remove(drop.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe("NOT_DRAFT");
    expect((await call(getRoute, { params: { id: drop.id }, token: adminToken() })).body.drop?.status).toBe(
      "live",
    );
  });
});
