// Listed or unlisted: an unlisted drop is left out of the public feed (GET /api/drops and the home
// page's loadFeedPage), and nowhere else: its own page, the admin list (listDrops) and the sweeper
// (sweptDropStates) all still see it. The flag lives on the cold DROPINFO item, never the hot one.
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { GET as adminGetRoute, PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as adminListRoute } from "@/app/api/admin/drops/route";
import { GET as dropRoute } from "@/app/api/drops/[id]/route";
import { GET as dropsRoute } from "@/app/api/drops/route";
import { db, tableName } from "@/lib/db/client";
import { keys } from "@/lib/db/table";
import { listDrops } from "@/lib/drop/drops";
import { sweptDropStates } from "@/lib/drop/feed-entries";
import { loadFeedPage } from "@/lib/drop/feed-page";
import { adminToken, call, createDrop, dropState, ownTable } from "./helpers";

ownTable("droprush-test-listed");

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const feedIds = async () => {
  const res = await call(dropsRoute, { path: "/api/drops" });
  expect(res.status).toBe(200);
  return res.body.drops!.map((d) => d.id);
};
const adminList = async () => {
  const res = await call(adminListRoute, { path: "/api/admin/drops", token: adminToken() });
  expect(res.status).toBe(200);
  return res.body.drops!;
};
const publicDrop = (id: string) => call(dropRoute, { path: `/api/drops/${id}`, params: { id } });
const patch = (id: string, json: unknown) =>
  call(patchRoute, {
    path: `/api/admin/drops/${id}`,
    method: "PATCH",
    params: { id },
    token: adminToken(),
    json,
  });
const info = async (id: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.dropInfo(id), ConsistentRead: true })))
    .Item;

describe("an unlisted drop", () => {
  it("is created with listed: false, stored on DROPINFO only, and returned as such", async () => {
    const drop = await createDrop({ listed: false });
    expect(drop.listed).toBe(false);
    expect((await info(drop.id))?.listed).toBe(false);
    expect(await dropState(drop.id)).not.toHaveProperty("listed");
  });

  it("is not in GET /api/drops, while a listed one created alongside is", async () => {
    const [listed, unlisted] = await Promise.all([createDrop(), createDrop({ listed: false })]);
    expect(listed.listed).toBe(true); // the default
    const ids = await feedIds();
    expect(ids).toContain(listed.id);
    expect(ids).not.toContain(unlisted.id);
    expect((await loadFeedPage({})).drops.map((d) => d.id)).not.toContain(unlisted.id);
  });

  it("still opens by its link: GET /api/drops/{id} → 200 with listed: false", async () => {
    const drop = await createDrop({
      listed: false,
      startsAt: iso(Date.now() + HOUR),
      endsAt: iso(Date.now() + 2 * HOUR),
    });
    const res = await publicDrop(drop.id);
    expect(res.status).toBe(200);
    expect(res.body.drop).toMatchObject({ id: drop.id, listed: false, status: "scheduled" });
  });

  it("is in the admin list (GET /api/admin/drops) and the admin read, marked unlisted", async () => {
    const drop = await createDrop({ listed: false });
    expect((await adminList()).find((d) => d.id === drop.id)).toMatchObject({ listed: false });
    const one = await call(adminGetRoute, {
      path: `/api/admin/drops/${drop.id}`,
      params: { id: drop.id },
      token: adminToken(),
    });
    expect(one.body.drop?.listed).toBe(false);
  });

  it("is still seen by the admin's list and the sweeper's view of every open published drop", async () => {
    const drop = await createDrop({ listed: false });
    expect((await listDrops()).map((d) => d.id)).toContain(drop.id);
    const swept = await sweptDropStates({ since: Date.now() - 86_400_000 });
    expect(swept.map((d) => d.id)).toContain(drop.id);
  });

  it("as a draft stays out of the feed and out of its public page", async () => {
    const drop = await createDrop({ listed: false, draft: true });
    expect(await feedIds()).not.toContain(drop.id);
    expect((await publicDrop(drop.id)).status).toBe(404);
  });
});

describe("PATCH /api/admin/drops/{id} { listed }", () => {
  it("unlists and lists again, on the cold item only, at any time (a live drop here)", async () => {
    const drop = await createDrop();
    const hot = await dropState(drop.id);
    expect(await feedIds()).toContain(drop.id);

    const off = await patch(drop.id, { listed: false });
    expect([off.status, off.body.drop?.listed]).toEqual([200, false]);
    expect(await feedIds()).not.toContain(drop.id);
    expect((await publicDrop(drop.id)).body.drop?.listed).toBe(false);

    const on = await patch(drop.id, { listed: true });
    expect([on.status, on.body.drop?.listed]).toEqual([200, true]);
    expect(await feedIds()).toContain(drop.id);
    expect(await dropState(drop.id)).toEqual(hot); // the hot item never moved
  });

  it("travels with other catalogue fields", async () => {
    const drop = await createDrop();
    const res = await patch(drop.id, { name: "Quiet launch", listed: false });
    expect(res.body.drop).toMatchObject({ name: "Quiet launch", listed: false });
  });

  it("refuses a listed that is not a boolean, by name, and changes nothing", async () => {
    const drop = await createDrop();
    const res = await patch(drop.id, { listed: "false" });
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.map((d) => d.path)).toEqual(["listed"]);
    expect((await info(drop.id))?.listed).toBe(true);
  });

  it("refuses a new window that has already ended: 400 on endsAt, the drop unchanged", async () => {
    const now = Date.now();
    const drop = await createDrop({ startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) });
    const res = await patch(drop.id, { startsAt: iso(now - 2 * HOUR), endsAt: iso(now - HOUR) });
    expect([res.status, res.body.error?.code]).toEqual([400, "INVALID_REQUEST"]);
    expect(res.body.error?.details).toEqual([{ path: "endsAt", message: "The end time has already passed" }]);
    expect((await dropState(drop.id))?.endsAt).toBe(Date.parse(drop.endsAt));
  });
});

describe("drops written before listed existed", () => {
  it("are listed: a DROPINFO item without the attribute is in the feed with listed: true", async () => {
    const drop = await createDrop();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.dropInfo(drop.id),
        UpdateExpression: "REMOVE listed",
      }),
    );
    expect(await info(drop.id)).not.toHaveProperty("listed");
    expect(await feedIds()).toContain(drop.id);
    expect((await publicDrop(drop.id)).body.drop?.listed).toBe(true);
  });
});
