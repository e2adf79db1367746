// Every admin route refuses anyone but the admin (401), and a cookie-authenticated mutating request
// from a foreign (or missing) Origin (403), and none of those refusals writes anything.
import { beforeAll, describe, expect, it } from "vitest";
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
import { DELETE as signOutRoute, POST as signInRoute } from "@/app/api/admin/session/route";
import { ADMIN_COOKIE, createAdminSession, SESSION_SECONDS } from "@/lib/auth/admin-session";
import { hmac } from "@/lib/security/crypto";
import type { Drop } from "@/lib/schemas/drop";
import {
  adminToken,
  call,
  createDrop,
  dropInput,
  dropState,
  scanTable,
  type Called,
  ownTable,
} from "./helpers";

ownTable("droprush-test-admin-auth");

type Route = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
type Case = {
  name: string;
  handler: Route;
  method: string;
  path: (id: string) => string;
  json?: unknown;
  target: () => Drop;
};

let live: Drop;
let draft: Drop;
const cases: Case[] = [];
const at = (suffix: string) => (id: string) => `/api/admin/drops/${id}${suffix}`;

beforeAll(async () => {
  live = await createDrop({ totalStock: 5 });
  draft = await createDrop({ totalStock: 5, draft: true });
  const L = () => live;
  const D = () => draft;
  const asRoute = (h: unknown) => h as Route;
  cases.push(
    {
      name: "GET /api/admin/drops",
      handler: asRoute(listRoute),
      method: "GET",
      path: () => "/api/admin/drops",
      target: L,
    },
    {
      name: "POST /api/admin/drops",
      handler: asRoute(createRoute),
      method: "POST",
      path: () => "/api/admin/drops",
      json: dropInput(),
      target: L,
    },
    { name: "GET /api/admin/drops/{id}", handler: getRoute, method: "GET", path: at(""), target: L },
    {
      name: "PATCH /api/admin/drops/{id}",
      handler: patchRoute,
      method: "PATCH",
      path: at(""),
      json: { name: "Renamed" },
      target: L,
    },
    { name: "DELETE /api/admin/drops/{id}", handler: deleteRoute, method: "DELETE", path: at(""), target: D },
    {
      name: "POST …/restock",
      handler: restockRoute,
      method: "POST",
      path: at("/restock"),
      json: { quantity: 3 },
      target: L,
    },
    { name: "POST …/pause", handler: pauseRoute, method: "POST", path: at("/pause"), target: L },
    { name: "POST …/resume", handler: resumeRoute, method: "POST", path: at("/resume"), target: L },
    { name: "POST …/end", handler: endRoute, method: "POST", path: at("/end"), target: L },
    { name: "POST …/publish", handler: publishRoute, method: "POST", path: at("/publish"), target: D },
    { name: "POST …/audit", handler: auditRoute, method: "POST", path: at("/audit"), target: L },
    { name: "GET …/claims", handler: claimsRoute, method: "GET", path: at("/claims"), target: L },
    {
      name: "GET …/claims?format=csv",
      handler: claimsRoute,
      method: "GET",
      path: at("/claims?format=csv"),
      target: L,
    },
    { name: "GET …/metrics", handler: metricsRoute, method: "GET", path: at("/metrics"), target: L },
    {
      name: "DELETE /api/admin/session",
      handler: asRoute(signOutRoute),
      method: "DELETE",
      path: () => "/api/admin/session",
      target: L,
    },
  );
});

const cookieOf = (value: string) => `${ADMIN_COOKIE}=${value}`;
const valid = () => cookieOf(createAdminSession().value);
const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith("A") ? "B" : "A");

/** Credentials that must all get 401. */
const refused: [string, () => Record<string, string>][] = [
  ["no credentials", () => ({})],
  ["a wrong Bearer token", () => ({ authorization: "Bearer wrong-admin-token-0123456789" })],
  ["a non-Bearer Authorization", () => ({ authorization: `Basic ${btoa(`admin:${adminToken()}`)}` })],
  ["a wrong Bearer token next to a valid cookie", () => ({ authorization: "Bearer nope", cookie: valid() })],
  [
    "a forged cookie (made-up signature)",
    () => ({ cookie: cookieOf(`${Date.now() + 60_000}.AAAAAAAAAAAAAAAA.${"A".repeat(43)}`) }),
  ],
  [
    "a cookie signed with another secret",
    () => ({ cookie: cookieOf(signedWith("another-deployment-secret-0123456789-xyz")) }),
  ],
  ["a tampered signature", () => ({ cookie: cookieOf(flipLast(createAdminSession().value)) })],
  [
    "a cookie whose expiry was pushed out",
    () => ({
      cookie: cookieOf(createAdminSession().value.replace(/^\d+/, (exp) => String(Number(exp) + 3_600_000))),
    }),
  ],
  [
    "an expired cookie",
    () => ({ cookie: cookieOf(createAdminSession(Date.now() - SESSION_SECONDS * 1000 - 1000).value) }),
  ],
  ["the cookie under another name", () => ({ cookie: `admin=${createAdminSession().value}` })],
  ["the admin token as the cookie", () => ({ cookie: cookieOf(adminToken()) })],
];

/** A well-formed value signed with a secret this server does not have. */
function signedWith(secret: string): string {
  const exp = String(Date.now() + 60_000);
  const nonce = "BBBBBBBBBBBBBBBB";
  return `${exp}.${nonce}.${hmac(secret, `admin-session:v1:${exp}.${nonce}.x`)}`;
}

function send(c: Case, headers: Record<string, string>): Promise<Called> {
  const id = c.target().id;
  return callRaw(c.handler, { method: c.method, path: c.path(id), params: { id }, json: c.json, headers });
}

/** Like `call`, but tolerates a CSV body. */
async function callRaw(
  handler: Route,
  init: {
    method: string;
    path: string;
    params: { id: string };
    json?: unknown;
    headers: Record<string, string>;
  },
): Promise<Called> {
  const headers = new Headers({ host: "test", ...init.headers });
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://test${init.path}`, {
    method: init.method,
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const res = await handler(req, { params: Promise.resolve(init.params) });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : { text },
  };
}

describe("every admin route refuses anyone but the admin, and writes nothing", () => {
  let before: Record<string, unknown>[];
  beforeAll(async () => {
    before = await scanTable();
  });

  it("401 UNAUTHENTICATED without credentials, with a wrong token, a forged or an expired cookie", async () => {
    const seen: string[] = [];
    for (const c of cases) {
      for (const [label, headers] of refused) {
        const res = await send(c, { origin: "http://test", ...headers() });
        seen.push(`${c.name} with ${label}: ${res.status} ${res.body.error?.code}`);
      }
    }
    expect(seen.filter((s) => !s.endsWith(": 401 UNAUTHENTICATED"))).toEqual([]);
    expect(seen).toHaveLength(cases.length * refused.length);
  });

  it("403 FORBIDDEN for a valid cookie on a mutating request from another origin, a null origin or none", async () => {
    const mutating = cases.filter((c) => c.method !== "GET");
    expect(mutating.length).toBeGreaterThanOrEqual(10);
    const seen: string[] = [];
    for (const c of mutating) {
      const origins: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "http://test.evil.example" },
        { origin: "null" },
        {},
        { origin: "http://test", "x-forwarded-host": "shop.example" },
      ];
      for (const origin of origins) {
        const res = await send(c, { cookie: valid(), ...origin });
        seen.push(`${c.name} ${JSON.stringify(origin)}: ${res.status} ${res.body.error?.code}`);
      }
    }
    expect(seen.filter((s) => !s.endsWith(": 403 FORBIDDEN"))).toEqual([]);
  });

  it("signing in refuses a wrong token (401), a bad body (400) and a foreign page (403)", async () => {
    const signIn = (init: Parameters<typeof call>[1]) =>
      call(signInRoute, { path: "/api/admin/session", method: "POST", ...init });
    for (const token of ["", "wrong-admin-token-0123456789", adminToken() + "x", adminToken().slice(0, -1)]) {
      const res = await signIn({ json: { token } });
      expect([res.status, res.headers.get("set-cookie")], token).toEqual([token === "" ? 400 : 401, null]);
    }
    expect((await signIn({ json: {} })).status).toBe(400);
    expect((await signIn({ json: { token: adminToken(), role: "owner" } })).status).toBe(400);
    expect(
      (await signIn({ body: "token=x", headers: { "content-type": "application/x-www-form-urlencoded" } }))
        .status,
    ).toBe(415);
    const foreign = await signIn({
      json: { token: adminToken() },
      headers: { origin: "https://evil.example", host: "test" },
    });
    expect([foreign.status, foreign.body.error?.code, foreign.headers.get("set-cookie")]).toEqual([
      403,
      "FORBIDDEN",
      null,
    ]);
  });

  it("…and the table is exactly as it was", async () => {
    expect(await scanTable()).toEqual(before);
  });
});

describe("the admin gets in", () => {
  it("signing in sets an httpOnly, SameSite=Strict session cookie with an expiry, which then works", async () => {
    const res = await call(signInRoute, {
      path: "/api/admin/session",
      method: "POST",
      json: { token: adminToken() },
      headers: { origin: "http://test", host: "test" },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      new RegExp(`^${ADMIN_COOKIE}=\\d{13}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}; `),
    );
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toMatch(/Max-Age=(2879\d|28800);/); // 8 h, less the milliseconds spent
    expect(setCookie).not.toContain("Secure"); // NODE_ENV=test; production adds Secure
    const cookie = setCookie.split(";")[0]!;

    const list = await call(listRoute, { path: "/api/admin/drops", headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.body.drops?.map((d) => d.id)).toContain(draft.id);

    // A cookie-authenticated mutation from our own origin goes through.
    const paused = await send(
      cases.find((c) => c.name === "POST …/pause")!,
      { cookie, origin: "http://test" },
    );
    expect([paused.status, paused.body.drop?.status]).toEqual([200, "paused"]);
    expect((await dropState(live.id))?.phase).toBe("paused");
    const resumed = await send(
      cases.find((c) => c.name === "POST …/resume")!,
      { cookie, origin: "http://test" },
    );
    expect([resumed.status, resumed.body.drop?.status]).toEqual([200, "live"]);

    const out = await call(signOutRoute, {
      path: "/api/admin/session",
      method: "DELETE",
      headers: { cookie, origin: "http://test" },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(
      new RegExp(`^${ADMIN_COOKIE}=; Max-Age=0; .*HttpOnly; SameSite=Strict`),
    );
    // A copy of the cookie kept from before the sign-out no longer works: the session itself ended.
    const copied = await call(listRoute, { path: "/api/admin/drops", headers: { cookie } });
    expect([copied.status, copied.body.error?.code]).toEqual([401, "UNAUTHENTICATED"]);
    const again = await call(signOutRoute, {
      path: "/api/admin/session",
      method: "DELETE",
      headers: { cookie, origin: "http://test" },
    });
    expect(again.status).toBe(401);
    // Another session, signed in separately, is untouched.
    const other = `${ADMIN_COOKIE}=${createAdminSession().value}`;
    expect((await call(listRoute, { path: "/api/admin/drops", headers: { cookie: other } })).status).toBe(
      200,
    );
  });

  it("scripts keep using the Bearer token, with no Origin at all", async () => {
    const res = await call(pauseRoute, {
      path: `/api/admin/drops/${live.id}/pause`,
      method: "POST",
      params: { id: live.id },
      token: adminToken(),
    });
    expect([res.status, res.body.drop?.status]).toEqual([200, "paused"]);
    const back = await call(resumeRoute, {
      path: `/api/admin/drops/${live.id}/resume`,
      method: "POST",
      params: { id: live.id },
      token: adminToken(),
    });
    expect([back.status, back.body.drop?.status]).toEqual([200, "live"]);
  });
});
