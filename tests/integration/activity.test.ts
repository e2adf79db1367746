// Who did what: a brand's activity log (who, what, which drop, when, from which address; sign-ins
// and failures included), paginated, for the brand's own callers only.
import { describe, expect, it } from "vitest";
import { GET as activityRoute } from "@/app/api/admin/brands/[brandId]/activity/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as resumeRoute } from "@/app/api/admin/drops/[id]/resume/route";
import { POST as createDropRoute } from "@/app/api/admin/drops/route";
import { recordActivity } from "@/lib/brand/activity";
import type { ActivityEvent } from "@/lib/schemas/brand";
import { newBrand, newMember, PASSWORD, signIn } from "./brand-helpers";
import { adminToken, call, dropInput, ownTable } from "./helpers";

ownTable("droprush-test-activity");

const same = { origin: "http://test", host: "test" };
const page = (brandId: string, auth: { cookie?: string; token?: string }, query = "") =>
  call(activityRoute, {
    path: `/api/admin/brands/${brandId}/activity${query}`,
    params: { brandId },
    token: auth.token,
    headers: auth.cookie ? { cookie: auth.cookie } : {},
  });

describe("the activity log", () => {
  it("records drop actions, sign-ins and failed sign-ins with who and which drop; the operator's too", async () => {
    const brand = await newBrand();
    const manager = await newMember(brand.id, "manager");
    const viewer = await newMember(brand.id, "viewer");
    const made = await call(createDropRoute, {
      path: "/api/admin/drops",
      json: dropInput(),
      headers: { cookie: manager.cookie, ...same },
    });
    const dropId = made.body.drop!.id;
    await call(pauseRoute, {
      params: { id: dropId },
      method: "POST",
      headers: { cookie: manager.cookie, ...same },
    });
    await call(resumeRoute, { params: { id: dropId }, method: "POST", token: adminToken() });
    expect((await signIn({ email: viewer.email, password: "not-the-password-1" })).status).toBe(401);
    expect((await signIn({ email: viewer.email, password: PASSWORD })).status).toBe(200);

    const res = await page(brand.id, { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    const events = res.body.events as ActivityEvent[];
    const summary = events.map((e) => [e.action, e.actor.kind, e.actor.id ?? null, e.dropId]);
    expect(summary.slice(0, 5)).toEqual([
      ["member.signIn", "member", viewer.member.id, null],
      ["member.signInFailed", "member", viewer.member.id, null],
      ["drop.resume", "operator", null, dropId],
      ["drop.pause", "member", manager.member.id, dropId],
      ["drop.create", "member", manager.member.id, dropId],
    ]);
    expect(events.map((e) => e.action)).toContain("member.join");
    expect(events.every((e) => Date.parse(e.at) <= Date.now())).toBe(true);

    const ofDrop = await page(brand.id, { cookie: viewer.cookie }, `?dropId=${dropId}`);
    expect((ofDrop.body.events as ActivityEvent[]).map((e) => e.action)).toEqual([
      "drop.resume",
      "drop.pause",
      "drop.create",
    ]);
  });

  it("is paginated newest first with an opaque cursor; a bad cursor is 400", async () => {
    const brand = await newBrand();
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < 23; i++) {
      await recordActivity({
        brandId: brand.id,
        action: `test.${i}`,
        actor: { kind: "operator" },
        address: "203.0.113.7",
        now: t0 + i * 10,
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `?limit=10${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await page(brand.id, { token: adminToken() }, q);
      expect(res.status).toBe(200);
      seen.push(...(res.body.events as ActivityEvent[]).map((e) => e.action));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    // The brand's own creation is logged now, after the 23 events dated a minute ago.
    expect(seen).toEqual(["brand.create", ...Array.from({ length: 23 }, (_, i) => `test.${22 - i}`)]);
    const first = (await page(brand.id, { token: adminToken() }, "?limit=2")).body.events as ActivityEvent[];
    expect(first[1]!.address).toBe("203.0.113.7");
    expect((await page(brand.id, { token: adminToken() }, "?cursor=bm9wZQ")).status).toBe(400);
  });

  it("another brand's log, or another brand's drop in this one, is a 404", async () => {
    const a = await newBrand();
    const b = await newBrand();
    const ownerB = await newMember(b.id, "owner");
    expect((await page(a.id, { cookie: ownerB.cookie })).status).toBe(404);
    const bDrop = await call(createDropRoute, {
      path: "/api/admin/drops",
      json: dropInput(),
      headers: { cookie: ownerB.cookie, ...same },
    });
    const res = await page(a.id, { token: adminToken() }, `?dropId=${bDrop.body.drop!.id}`);
    expect(res.status).toBe(404);
    expect((await page(a.id, {})).status).toBe(401);
  });
});
