// Brands as tenants, slice 1: the operator creates brands, and every drop belongs to one.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { GET as listBrandsRoute, POST as createBrandRoute } from "@/app/api/admin/brands/route";
import { GET as getDropRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as listDropsRoute, POST as createDropRoute } from "@/app/api/admin/drops/route";
import { GET as storefrontRoute } from "@/app/api/brands/[slug]/route";
import { GET as publicDropRoute } from "@/app/api/drops/[id]/route";
import { GET as feedRoute } from "@/app/api/drops/route";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { loadAdminBrand, loadAdminDrop } from "@/lib/admin/pages";
import { listDrops } from "@/lib/drop/drops";
import type { Brand } from "@/lib/schemas/brand";
import { DEMO_OWNER_EMAIL, seedDemoInvite } from "@/scripts/seed";
import { accept, signIn } from "./brand-helpers";
import { adminToken, call, createDrop, dropInput, ownTable } from "./helpers";

ownTable("droprush-test-brands");

const createBrand = (json: unknown) =>
  call(createBrandRoute, { path: "/api/admin/brands", token: adminToken(), json });

describe("brands", () => {
  it("the operator creates a brand (201 {brand}); a slug is taken once (409 SLUG_TAKEN); GET lists them", async () => {
    const res = await createBrand({ name: "Acme Shoes", slug: "acme-shoes" });
    expect(res.status).toBe(201);
    const brand = res.body.brand as Brand;
    expect(brand).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{12}$/),
      name: "Acme Shoes",
      slug: "acme-shoes",
    });
    const again = await createBrand({ name: "Other", slug: "acme-shoes" });
    expect([again.status, again.body.error?.code]).toEqual([409, "SLUG_TAKEN"]);
    expect((await createBrand({ name: "Bad", slug: "Not A Slug" })).status).toBe(400);
    expect((await createBrand({ name: "Bad", slug: "ok", extra: 1 })).status).toBe(400);
    const house = await createBrand({ name: "Imposter", slug: "house" });
    expect(house.status).toBe(409);

    const list = await call(listBrandsRoute, { path: "/api/admin/brands", token: adminToken() });
    expect(list.status).toBe(200);
    const brands = list.body.brands as Brand[];
    expect(brands.map((b) => b.slug)).toEqual(expect.arrayContaining(["house", "acme-shoes"]));
    expect((await call(listBrandsRoute, { path: "/api/admin/brands" })).status).toBe(401);
  });

  it("a drop the operator creates without a brandId is the house brand's; the operator may name a brand", async () => {
    const plain = await createDrop();
    expect(plain.brandId).toBe("house");
    const brand = (await createBrand({ name: "Named", slug: "named-brand" })).body.brand as Brand;
    const named = await call(createDropRoute, {
      path: "/api/admin/drops",
      token: adminToken(),
      json: dropInput({ brandId: brand.id }),
    });
    expect([named.status, named.body.drop?.brandId]).toEqual([201, brand.id]);
    const unknown = await call(createDropRoute, {
      path: "/api/admin/drops",
      token: adminToken(),
      json: dropInput({ brandId: "no-such-brand" }),
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "NOT_FOUND"]);

    // brandId in every admin and public response.
    const id = named.body.drop!.id;
    const admin = await call(getDropRoute, { params: { id }, token: adminToken() });
    expect(admin.body.drop?.brandId).toBe(brand.id);
    const pub = await call(publicDropRoute, { params: { id } });
    expect(pub.body.drop?.brandId).toBe(brand.id);
    const feed = await call(feedRoute, { path: "/api/drops" });
    expect(feed.body.drops?.find((d) => d.id === id)?.brandId).toBe(brand.id);
    const all = await call(listDropsRoute, { path: "/api/admin/drops", token: adminToken() });
    expect(all.body.drops?.map((d) => d.id)).toEqual(expect.arrayContaining([plain.id, id]));

    // A brand's list is a query by brand.
    expect((await listDrops({ brandId: brand.id, includeDrafts: true })).map((d) => d.id)).toEqual([id]);
  });

  it("a drop written before brands (no brandId, no brand index key) reads as the house brand's", async () => {
    const drop = await createDrop();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.dropInfo(drop.id),
        UpdateExpression: "REMOVE brandId, gsi2pk, gsi2sk",
      }),
    );
    const admin = await call(getDropRoute, { params: { id: drop.id }, token: adminToken() });
    expect(admin.body.drop?.brandId).toBe("house");
    const house = await listDrops({ brandId: "house", includeDrafts: true });
    expect(house.map((d) => d.id)).toContain(drop.id);
    expect(house.every((d) => d.brandId === "house")).toBe(true);
  });

  it("/api/brands/{slug}: the brand and its public drops only (not drafts, not unlisted, not another brand's)", async () => {
    const brand = (await createBrand({ name: "Store", slug: "store-front" })).body.brand as Brand;
    const make = (extra: Record<string, unknown>) =>
      call(createDropRoute, {
        path: "/api/admin/drops",
        token: adminToken(),
        json: dropInput({ brandId: brand.id, ...extra }),
      }).then((r) => r.body.drop!.id);
    const shown = await make({ name: "Shown" });
    await make({ name: "Draft", draft: true });
    await make({ name: "Unlisted", listed: false });
    const other = await createDrop({ name: "House drop" });
    const res = await call(storefrontRoute, { params: { slug: "store-front" } });
    expect(res.status).toBe(200);
    expect(res.body.brand).toEqual(brand);
    expect(res.body.drops?.map((d) => d.id)).toEqual([shown]);
    expect(JSON.stringify(res.body)).not.toContain(other.id);
    expect((await call(storefrontRoute, { params: { slug: "no-such-brand" } })).status).toBe(404);
    const house = await call(storefrontRoute, { params: { slug: "house" } });
    expect(house.body.drops?.map((d) => d.id)).toContain(other.id);
  });

  it("the dev server's demo invite: a fresh one for the house brand's owner until they join, then none", async () => {
    const url = await seedDemoInvite();
    expect(url).toMatch(/^http:\/\/localhost:3000\/invites\/[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const token = url!.split("/").pop()!;
    const joined = await accept(token, { name: "Demo owner", password: "correct-horse-battery-7Q" });
    expect(joined.body.member).toMatchObject({ brandId: "house", email: DEMO_OWNER_EMAIL, role: "owner" });
    expect(await seedDemoInvite()).toBeUndefined();
    const session = await signIn({ email: DEMO_OWNER_EMAIL, password: "correct-horse-battery-7Q" });
    expect(session.status).toBe(200);
  });

  it("an admin page's drop or brand: another brand's is the 404 page, like an unknown id", async () => {
    const brand = (await createBrand({ name: "Pages", slug: "pages-brand" })).body.brand as Brand;
    const drop = await createDrop({ brandId: brand.id });
    const member = {
      kind: "member" as const,
      memberId: "0123456789abcdef",
      accountId: "0123456789abcdef",
      role: "viewer" as const,
    };
    expect((await loadAdminDrop(drop.id, { ...member, brandId: brand.id })).id).toBe(drop.id);
    expect((await loadAdminDrop(drop.id, { kind: "operator" })).id).toBe(drop.id);
    const digest = (p: Promise<unknown>) =>
      p.then(
        () => "rendered",
        (err: { digest?: string }) => err.digest,
      );
    const notFound = await digest(loadAdminDrop("ffffffffffff", { kind: "operator" }));
    expect(notFound).toMatch(/404/);
    expect(await digest(loadAdminDrop(drop.id, { ...member, brandId: "house" }))).toBe(notFound);
    expect(await digest(loadAdminDrop("Not An Id", { kind: "operator" }))).toBe(notFound);
    // The brand pages' wall is the same one: another brand's is the 404 page, like none.
    expect((await loadAdminBrand(brand.id, { ...member, brandId: brand.id })).id).toBe(brand.id);
    expect(await digest(loadAdminBrand("nosuchbrand0", { kind: "operator" }))).toBe(notFound);
    expect(await digest(loadAdminBrand(brand.id, { ...member, brandId: "house" }))).toBe(notFound);
  });
});
