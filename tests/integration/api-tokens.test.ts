// Brand API tokens: shown once, stored hashed, scoped to a role, revocable, with last-used time.
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/admin/brands/[brandId]/api-tokens/[id]/route";
import {
  GET as listTokensRoute,
  POST as createTokenRoute,
} from "@/app/api/admin/brands/[brandId]/api-tokens/route";
import { GET as listDropsRoute, POST as createDropRoute } from "@/app/api/admin/drops/route";
import { db, tableName } from "@/lib/db/client";
import type { ApiToken } from "@/lib/brand/api-tokens";
import { DELETE as removeMemberRoute } from "@/app/api/admin/brands/[brandId]/members/[memberId]/route";
import { invite, newBrand, newMember } from "./brand-helpers";
import { adminToken, call, dropInput, ownTable } from "./helpers";

ownTable("droprush-test-api-tokens");

const create = (brandId: string, json: unknown, token = adminToken()) =>
  call(createTokenRoute, {
    path: `/api/admin/brands/${brandId}/api-tokens`,
    params: { brandId },
    token,
    json,
  });

async function revoke(brandId: string, id: string, token = adminToken()) {
  const res = await revokeRoute(
    new Request(`http://test/api/admin/brands/${brandId}/api-tokens/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ brandId, id }) },
  );
  return res.status;
}

describe("brand API tokens", () => {
  it("201 {id, token}; the secret is stored only as its hash; the token acts in its brand with its role", async () => {
    const brand = await newBrand();
    const res = await create(brand.id, { name: "ci", role: "manager" });
    expect(res.status).toBe(201);
    const { id, token } = res.body as { id: string; token: string };
    expect(token).toMatch(new RegExp(`^drb_${id}_[A-Za-z0-9_-]{43}$`));
    const items =
      (await db().send(new ScanCommand({ TableName: tableName(), ConsistentRead: true }))).Items ?? [];
    const secret = token.split("_").slice(2).join("_");
    expect(JSON.stringify(items)).not.toContain(secret);

    const made = await call(createDropRoute, { path: "/api/admin/drops", token, json: dropInput() });
    expect([made.status, made.body.drop?.brandId]).toEqual([201, brand.id]);
    const list = await call(listDropsRoute, { path: "/api/admin/drops", token });
    expect(list.body.drops?.map((d) => d.id)).toEqual([made.body.drop!.id]);

    const viewer = (await create(brand.id, { name: "dash", role: "viewer" })).body as { token: string };
    const refused = await call(createDropRoute, {
      path: "/api/admin/drops",
      token: viewer.token,
      json: dropInput(),
    });
    expect([refused.status, refused.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    // A token cannot mint tokens unless it is an owner's.
    expect((await create(brand.id, { name: "x", role: "owner" }, token)).status).toBe(403);

    const listed = await call(listTokensRoute, { params: { brandId: brand.id }, token: adminToken() });
    const tokens = listed.body.tokens as ApiToken[];
    const mine = tokens.find((t) => t.id === id)!;
    expect(mine).toMatchObject({ name: "ci", role: "manager", revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain("secretHash");
  });

  it("an owner's token still manages drops, but not people: no tokens, invites or member removals (403)", async () => {
    const brand = await newBrand();
    const owner = await newMember(brand.id, "owner");
    const { token } = (await create(brand.id, { name: "ci", role: "owner" })).body as { token: string };
    expect((await call(createDropRoute, { path: "/api/admin/drops", token, json: dropInput() })).status).toBe(
      201,
    );
    const forbidden = [
      await create(brand.id, { name: "child", role: "owner" }, token),
      await invite(brand.id, { email: "new-owner@example.com", role: "owner" }, { token }),
      await call(removeMemberRoute, {
        method: "DELETE",
        params: { brandId: brand.id, memberId: owner.member.id },
        token,
      }),
    ];
    expect(forbidden.map((r) => [r.status, r.body.error?.code])).toEqual(Array(3).fill([403, "FORBIDDEN"]));
  });

  it("a brand keeps its last owner: removing them is 409 LAST_OWNER, a second owner can go", async () => {
    const brand = await newBrand();
    const first = await newMember(brand.id, "owner");
    const remove = async (memberId: string) => {
      const res = await removeMemberRoute(
        new Request(`http://test/api/admin/brands/${brand.id}/members/${memberId}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${adminToken()}` },
        }),
        { params: Promise.resolve({ brandId: brand.id, memberId }) },
      );
      const body = res.status === 204 ? undefined : ((await res.json()) as { error: { code: string } });
      return [res.status, body?.error.code];
    };
    const second = await newMember(brand.id, "owner");
    expect(await remove(second.member.id)).toEqual([204, undefined]);
    expect(await remove(first.member.id)).toEqual([409, "LAST_OWNER"]);
  });

  it("a revoked token is refused from its next request on (DELETE → 204); another brand's token id is a 404", async () => {
    const brand = await newBrand();
    const other = await newBrand();
    const { id, token } = (await create(brand.id, { name: "ci", role: "owner" })).body as {
      id: string;
      token: string;
    };
    expect((await call(listDropsRoute, { path: "/api/admin/drops", token })).status).toBe(200);
    expect(await revoke(other.id, id)).toBe(404);
    expect(await revoke(brand.id, id, token)).toBe(204); // an owner token may revoke itself
    const after = await call(listDropsRoute, { path: "/api/admin/drops", token });
    expect([after.status, after.body.error?.code]).toEqual([401, "UNAUTHENTICATED"]);
    expect(await revoke(brand.id, id)).toBe(204); // again: still revoked
    const forged = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect((await call(listDropsRoute, { path: "/api/admin/drops", token: forged })).status).toBe(401);
  });
});
