// The wall, as a matrix: every admin route × {owner, manager, viewer of brand A; a manager API
// token of A; owner of brand B; a revoked token; no credential; the operator} → the expected status,
// and nothing of brand B's (ids, names, emails, claims, CSV rows) in any response to brand A.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as activityRoute } from "@/app/api/admin/brands/[brandId]/activity/route";
import { DELETE as revokeTokenRoute } from "@/app/api/admin/brands/[brandId]/api-tokens/[id]/route";
import {
  GET as listTokensRoute,
  POST as createTokenRoute,
} from "@/app/api/admin/brands/[brandId]/api-tokens/route";
import { DELETE as revokeInviteRoute } from "@/app/api/admin/brands/[brandId]/invites/[inviteId]/route";
import { GET as listInvitesRoute, POST as inviteRoute } from "@/app/api/admin/brands/[brandId]/invites/route";
import { DELETE as removeMemberRoute } from "@/app/api/admin/brands/[brandId]/members/[memberId]/route";
import { GET as membersRoute } from "@/app/api/admin/brands/[brandId]/members/route";
import { GET as listBrandsRoute, POST as createBrandRoute } from "@/app/api/admin/brands/route";
import { POST as auditRoute } from "@/app/api/admin/drops/[id]/audit/route";
import { GET as claimsRoute } from "@/app/api/admin/drops/[id]/claims/route";
import { POST as endRoute } from "@/app/api/admin/drops/[id]/end/route";
import { GET as metricsRoute } from "@/app/api/admin/drops/[id]/metrics/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as publishRoute } from "@/app/api/admin/drops/[id]/publish/route";
import { POST as restockRoute } from "@/app/api/admin/drops/[id]/restock/route";
import { POST as resumeRoute } from "@/app/api/admin/drops/[id]/resume/route";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PATCH as patchRoute,
} from "@/app/api/admin/drops/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/admin/drops/route";
import { createApiToken, revokeApiToken } from "@/lib/brand/api-tokens";
import { createInvite } from "@/lib/brand/invites";
import { claimUnit } from "@/lib/claim/claim-unit";
import { trustedProof } from "@/lib/claim/guest-proof";
import { transitionDrop } from "@/lib/drop/admin-writes";
import { createDrop, newDropId } from "@/lib/drop/drops";
import { getDropState } from "@/lib/stock/reads";
import type { Brand, Role } from "@/lib/schemas/brand";
import { newBrand, newMember, type TestMember } from "./brand-helpers";
import { adminToken, dropInput, ownTable } from "./helpers";

ownTable("droprush-test-tenancy");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Caller = "ownerA" | "managerA" | "viewerA" | "tokenA" | "ownerB" | "revoked" | "none" | "operator";
const callers: Caller[] = [
  "ownerA",
  "managerA",
  "viewerA",
  "tokenA",
  "ownerB",
  "revoked",
  "none",
  "operator",
];
const roleOf: Partial<Record<Caller, Role>> = {
  ownerA: "owner",
  managerA: "manager",
  viewerA: "viewer",
  tokenA: "manager",
};
type Target = { path: string; params: Record<string, string> };
type Case = {
  name: string;
  handler: Handler;
  method: string;
  json?: unknown;
  /** Status for a caller allowed to do it. */
  ok: number;
  need: Role | "operator";
  /** A route on one of brand A's resources: another brand gets 404. Otherwise B acts on its own brand. */
  scoped: boolean;
  /** A fresh target for each call (a destructive route), or one shared. */
  target: () => Promise<Target>;
};

let A: Brand;
let B: Brand;
const auth: Partial<Record<Caller, { cookie?: string; token?: string }>> = {};
const secretsOfB: string[] = [];
const secretsOfA: string[] = [];

async function seedDrop(brandId: string, opts: { draft?: boolean; paused?: boolean; name?: string } = {}) {
  const id = newDropId();
  const body = dropInput({ name: opts.name ?? "Matrix drop" });
  await createDrop({
    id,
    brandId,
    input: {
      ...body,
      description: "",
      imageUrl: "",
      currency: "USD",
      maxPerShopper: 1,
      holdSeconds: 600,
      draft: opts.draft ?? false,
      listed: true,
      totalStock: 10,
    },
  });
  if (opts.paused) await transitionDrop({ id, action: "pause" });
  return id;
}

const dropAt =
  (suffix: string, opts: Parameters<typeof seedDrop>[1] = {}) =>
  async (): Promise<Target> => {
    const id = await seedDrop(A.id, opts);
    return { path: `/api/admin/drops/${id}${suffix}`, params: { id } };
  };
const brandAt =
  (suffix: string, extra?: () => Promise<Record<string, string>>) => async (): Promise<Target> => ({
    path: `/api/admin/brands/${A.id}${suffix}`,
    params: { brandId: A.id, ...(extra ? await extra() : {}) },
  });
const fixed = (path: string) => async (): Promise<Target> => ({ path, params: {} });

const cases: Case[] = [];

beforeAll(async () => {
  A = await newBrand("Alpha");
  B = await newBrand("Bravo");
  const [ownerA, managerA, viewerA, ownerB] = await Promise.all([
    newMember(A.id, "owner"),
    newMember(A.id, "manager"),
    newMember(A.id, "viewer"),
    newMember(B.id, "owner"),
  ]);
  const cookie = (m: TestMember) => ({ cookie: m.cookie });
  Object.assign(auth, {
    ownerA: cookie(ownerA),
    managerA: cookie(managerA),
    viewerA: cookie(viewerA),
    ownerB: cookie(ownerB),
  });
  auth.tokenA = {
    token: (
      await createApiToken({ brandId: A.id, name: "ci", role: "manager", createdBy: { kind: "operator" } })
    ).token,
  };
  const revoked = await createApiToken({
    brandId: A.id,
    name: "old",
    role: "owner",
    createdBy: { kind: "operator" },
  });
  await revokeApiToken({ brandId: A.id, id: revoked.id });
  auth.revoked = { token: revoked.token };
  auth.none = {};
  auth.operator = { token: adminToken() };

  // Brand B's things, with names no response to A may carry.
  const bDrop = await seedDrop(B.id, { name: "Bravo secret sneaker" });
  const bClaim = await claimUnit({ dropId: bDrop, shopperId: crypto.randomUUID(), proof: trustedProof });
  secretsOfB.push(
    B.id,
    B.name,
    B.slug,
    bDrop,
    "Bravo secret sneaker",
    bClaim.claim.id,
    ownerB.email,
    ownerB.member.id,
  );
  const aDrop = await seedDrop(A.id, { name: "Alpha secret boot" });
  const aClaim = await claimUnit({ dropId: aDrop, shopperId: crypto.randomUUID(), proof: trustedProof });
  secretsOfA.push(A.id, A.name, aDrop, "Alpha secret boot", aClaim.claim.id, ownerA.email, ownerA.member.id);
  const shared = { path: `/api/admin/drops/${aDrop}`, params: { id: aDrop } };
  const at = (suffix: string) => async () => ({ path: shared.path + suffix, params: shared.params });

  const member = async () => ({ memberId: (await newMember(A.id, "viewer")).member.id });
  const token = async () => ({
    id: (await createApiToken({ brandId: A.id, name: "t", role: "viewer", createdBy: { kind: "operator" } }))
      .id,
  });
  let invited = 0;
  const pendingInvite = async () => ({
    inviteId: (
      await createInvite({
        brandId: A.id,
        email: `pending-${invited++}@example.com`,
        role: "viewer",
        invitedBy: { kind: "operator" },
      })
    ).invite.id,
  });
  const h = (x: unknown) => x as Handler;
  cases.push(
    {
      name: "GET /api/admin/drops",
      handler: h(listRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: false,
      target: fixed("/api/admin/drops"),
    },
    {
      name: "POST /api/admin/drops",
      handler: h(createRoute),
      method: "POST",
      json: dropInput(),
      ok: 201,
      need: "manager",
      scoped: false,
      target: fixed("/api/admin/drops"),
    },
    {
      name: "GET …/drops/{id}",
      handler: h(getRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: true,
      target: at(""),
    },
    {
      name: "PATCH …/drops/{id}",
      handler: h(patchRoute),
      method: "PATCH",
      json: { name: "Renamed" },
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt(""),
    },
    {
      name: "DELETE …/drops/{id}",
      handler: h(deleteRoute),
      method: "DELETE",
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("", { draft: true }),
    },
    {
      name: "POST …/restock",
      handler: h(restockRoute),
      method: "POST",
      json: { quantity: 2 },
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("/restock"),
    },
    {
      name: "POST …/pause",
      handler: h(pauseRoute),
      method: "POST",
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("/pause"),
    },
    {
      name: "POST …/resume",
      handler: h(resumeRoute),
      method: "POST",
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("/resume", { paused: true }),
    },
    {
      name: "POST …/end",
      handler: h(endRoute),
      method: "POST",
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("/end"),
    },
    {
      name: "POST …/publish",
      handler: h(publishRoute),
      method: "POST",
      ok: 200,
      need: "manager",
      scoped: true,
      target: dropAt("/publish", { draft: true }),
    },
    {
      name: "POST …/audit",
      handler: h(auditRoute),
      method: "POST",
      ok: 200,
      need: "manager",
      scoped: true,
      target: at("/audit"),
    },
    {
      name: "GET …/claims",
      handler: h(claimsRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: true,
      target: at("/claims"),
    },
    {
      name: "GET …/claims?format=csv",
      handler: h(claimsRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: true,
      target: at("/claims?format=csv"),
    },
    {
      name: "GET …/metrics",
      handler: h(metricsRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: true,
      target: at("/metrics"),
    },
    {
      name: "GET /api/admin/brands",
      handler: h(listBrandsRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: false,
      target: fixed("/api/admin/brands"),
    },
    {
      name: "POST /api/admin/brands",
      handler: h(createBrandRoute),
      method: "POST",
      ok: 201,
      need: "operator",
      scoped: false,
      target: fixed("/api/admin/brands"),
    },
    {
      name: "POST …/brands/{A}/invites",
      handler: h(inviteRoute),
      method: "POST",
      json: { email: "new@example.com", role: "viewer" },
      ok: 201,
      need: "owner",
      scoped: true,
      target: brandAt("/invites"),
    },
    {
      name: "GET …/brands/{A}/invites",
      handler: h(listInvitesRoute),
      method: "GET",
      ok: 200,
      need: "owner",
      scoped: true,
      target: brandAt("/invites"),
    },
    {
      name: "DELETE …/brands/{A}/invites/{id}",
      handler: h(revokeInviteRoute),
      method: "DELETE",
      ok: 204,
      need: "owner",
      scoped: true,
      target: brandAt("/invites/x", pendingInvite),
    },
    {
      name: "GET …/brands/{A}/members",
      handler: h(membersRoute),
      method: "GET",
      ok: 200,
      need: "owner",
      scoped: true,
      target: brandAt("/members"),
    },
    {
      name: "DELETE …/brands/{A}/members/{id}",
      handler: h(removeMemberRoute),
      method: "DELETE",
      ok: 204,
      need: "owner",
      scoped: true,
      target: brandAt("/members/x", member),
    },
    {
      name: "POST …/brands/{A}/api-tokens",
      handler: h(createTokenRoute),
      method: "POST",
      json: { name: "n", role: "viewer" },
      ok: 201,
      need: "owner",
      scoped: true,
      target: brandAt("/api-tokens"),
    },
    {
      name: "GET …/brands/{A}/api-tokens",
      handler: h(listTokensRoute),
      method: "GET",
      ok: 200,
      need: "owner",
      scoped: true,
      target: brandAt("/api-tokens"),
    },
    {
      name: "DELETE …/brands/{A}/api-tokens/{id}",
      handler: h(revokeTokenRoute),
      method: "DELETE",
      ok: 204,
      need: "owner",
      scoped: true,
      target: brandAt("/api-tokens/x", token),
    },
    {
      name: "GET …/brands/{A}/activity",
      handler: h(activityRoute),
      method: "GET",
      ok: 200,
      need: "viewer",
      scoped: true,
      target: brandAt("/activity"),
    },
  );
}, 120_000);

const ranks = ["viewer", "manager", "owner"];
function expected(c: Case, who: Caller): number {
  if (who === "none" || who === "revoked") return 401;
  if (who === "operator") return c.ok;
  if (who === "ownerB") {
    if (c.scoped) return 404;
    return c.need === "operator" ? 403 : c.ok;
  }
  if (c.need === "operator") return 403;
  return ranks.indexOf(roleOf[who]!) >= ranks.indexOf(c.need) ? c.ok : 403;
}

let slug = 0;
async function send(c: Case, who: Caller, t: Target) {
  const a = auth[who]!;
  const headers = new Headers({ host: "test" });
  if (a.cookie) headers.set("cookie", a.cookie);
  if (a.token) headers.set("authorization", `Bearer ${a.token}`);
  if (a.cookie && c.method !== "GET") headers.set("origin", "http://test");
  let json = c.json;
  if (c.name === "POST /api/admin/brands") json = { name: "New brand", slug: `matrix-${slug++}` };
  if (json !== undefined) headers.set("content-type", "application/json");
  const res = await c.handler(
    new Request(`http://test${t.path}`, {
      method: c.method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    }),
    { params: Promise.resolve(t.params) },
  );
  return { status: res.status, text: await res.text() };
}

describe("the tenancy matrix", () => {
  const seen: { c: Case; who: Caller; status: number; text: string }[] = [];

  it("every admin route × every caller answers the expected status", async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const shared = await c.target();
      const destructive = c.method !== "GET" && c.name !== "POST …/audit";
      for (const who of callers) {
        const t = destructive ? await c.target() : shared;
        const res = await send(c, who, t);
        seen.push({ c, who, ...res });
        const want = expected(c, who);
        if (res.status !== want)
          wrong.push(`${c.name} as ${who}: ${res.status} (want ${want}) ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen).toHaveLength(cases.length * callers.length);
  }, 300_000);

  it("a 404 for another brand's drop is the same body as for a drop that does not exist", async () => {
    const asB = seen.filter((s) => s.who === "ownerB" && s.c.name === "GET …/drops/{id}");
    const unknown = await send(
      cases.find((c) => c.name === "GET …/drops/{id}")!,
      "ownerB",
      {
        path: "/api/admin/drops/ffffffffffff",
        params: { id: "ffffffffffff" },
      },
    );
    expect(asB[0]!.text).toBe(unknown.text);
  });

  it("nothing of brand B's in any response to brand A (and nothing of A's in B's)", () => {
    const toA = seen.filter((s) => ["ownerA", "managerA", "viewerA", "tokenA"].includes(s.who));
    expect(toA.length).toBeGreaterThan(50);
    for (const s of toA)
      for (const secret of secretsOfB) expect(s.text, `${s.c.name} as ${s.who}`).not.toContain(secret);
    for (const s of seen.filter((x) => x.who === "ownerB"))
      for (const secret of secretsOfA) expect(s.text, `${s.c.name} as ownerB`).not.toContain(secret);
    // A's own reads do show A's things: the check above is not vacuous.
    const list = toA.find((s) => s.c.name === "GET /api/admin/drops" && s.who === "viewerA")!;
    expect(list.text).toContain("Alpha secret boot");
    const csv = toA.find((s) => s.c.name === "GET …/claims?format=csv" && s.who === "viewerA")!;
    expect(csv.text).toContain(secretsOfA[4]);
    // Lists and counts are A's alone: every drop listed is A's, the metrics count A's one claim.
    const listed = JSON.parse(list.text) as { drops: { brandId: string }[] };
    expect(listed.drops.length).toBeGreaterThan(0);
    expect(listed.drops.every((d) => d.brandId === A.id)).toBe(true);
    const metrics = toA.find((s) => s.c.name === "GET …/metrics" && s.who === "viewerA")!;
    expect(JSON.parse(metrics.text)).toMatchObject({ sold: 1, totalStock: 10 });
    const rows = csv.text.trim().split("\n");
    expect(rows).toHaveLength(2); // the header and A's one claim
    const operatorList = seen.find((s) => s.c.name === "GET /api/admin/drops" && s.who === "operator")!;
    expect(operatorList.text).toContain("Alpha secret boot");
    expect(operatorList.text).toContain("Bravo secret sneaker");
  });

  it("brand B's drop is untouched by everything brand A did", async () => {
    const bDrop = secretsOfB[3]!;
    const state = await getDropState({ id: bDrop, consistent: true });
    expect(state).toMatchObject({ phase: "active", remainingStock: 9, totalStock: 10 });
  });
});
