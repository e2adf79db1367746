// Whatever a client sends, every route answers a documented 4xx with { error: { code, message } },
// never a 5xx, and writes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createBrandRoute } from "@/app/api/admin/brands/route";
import { PATCH as adminPatchRoute } from "@/app/api/admin/drops/[id]/route";
import { GET as adminListRoute, POST as adminCreateRoute } from "@/app/api/admin/drops/route";
import { POST as confirmRoute } from "@/app/api/claims/[claimId]/confirm/route";
import { GET as myClaimsRoute } from "@/app/api/drops/[id]/claims/me/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { GET as dropRoute } from "@/app/api/drops/[id]/route";
import { GET as stockRoute } from "@/app/api/drops/[id]/stock/route";
import { GET as dropsRoute } from "@/app/api/drops/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as allMyClaimsRoute } from "@/app/api/shoppers/me/claims/route";
import { POST as shoppersRoute } from "@/app/api/shoppers/route";
import { flushAttemptCounts } from "@/lib/attempts/counts";
import { createAdminSession } from "@/lib/auth/admin-session";
import { hmac } from "@/lib/security/crypto";
import { ensureTable } from "@/lib/db/connect";
import { db, tableName } from "@/lib/db/client";
import { newDropId } from "@/lib/drop/drops";
import { MAX_BODY_BYTES } from "@/lib/http/route";
import type { Shopper } from "@/lib/schemas/claim";
import type { Drop } from "@/lib/schemas/drop";
import {
  adminToken,
  call,
  createDrop,
  dropInput,
  mintShopper,
  scanTable,
  type CallInit,
  type Called,
} from "./helpers";

// A table of its own (env is read lazily, once per test file), so "the table is unchanged" holds
// exactly even while other test files write to the shared one in parallel.
process.env.DYNAMODB_TABLE = "droprush-test-bad-input";

let live: Drop;
let draft: Drop;
let shopper: Shopper;
let before: Record<string, unknown>[];

beforeAll(async () => {
  await ensureTable(db(), tableName());
  live = await createDrop({ totalStock: 5 });
  draft = await createDrop({ totalStock: 5, draft: true });
  shopper = await mintShopper();
  before = await scanTable();
});

afterAll(async () => {
  // Anything a refused request queued (attempt counts) is written now, so the comparison sees it.
  await flushAttemptCounts({ all: true });
  expect(await scanTable()).toEqual(before);
});

function expectError(res: Called, status: number, code: string) {
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(Object.keys(res.body.error ?? {}).filter((k) => k !== "details")).toEqual(["code", "message"]);
  expect(res.body.error?.message).toMatch(/\S/);
  expect(res.headers.get("cache-control")).toBe("no-store");
}

const otherSecret = "another-deployment-secret-0123456789-xyz";
const forge = (secret: string, id = randomUUID()) => `${id}.${hmac(secret, `shopper:v1:${id}`)}`;
const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith("A") ? "B" : "A");

/** Tokens no shopper route may accept. */
const badTokens: [string, () => string | undefined, Record<string, string>?][] = [
  ["no Authorization header", () => undefined],
  ["an empty Bearer", () => "", { authorization: "Bearer " }],
  ["a non-Bearer scheme", () => undefined, { authorization: `Basic ${btoa("shopper:x")}` }],
  ["garbage", () => "not-a-token"],
  ["a token signed with another secret", () => forge(otherSecret)],
  ["a tampered signature", () => flipLast(shopper.token)],
  ["another shopper id with a real signature", () => `${randomUUID()}.${shopper.token.split(".")[1]}`],
  ["an extra segment", () => `${shopper.token}.x`],
  ["the admin token", () => adminToken()],
];

const malformedIds = [
  "",
  "UPPER",
  "a".repeat(65),
  "-leading-dash",
  "has space",
  "../etc",
  "DROP#x",
  "ünïcode",
  "a/b",
  "%2e%2e",
];

describe("GET /api/health and the public lists take no input", () => {
  it("health answers 200 ok whatever rides along", async () => {
    const res = await call(healthRoute, {
      path: "/api/health?x=%00&debug=1",
      headers: { authorization: "Bearer junk", cookie: "a=b" },
    });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { ok: true } });
  });

  it("GET /api/drops lists the live drop and never the draft", async () => {
    const res = await call(dropsRoute, { path: "/api/drops?includeDrafts=true&limit=-1", token: "junk" });
    expect(res.status).toBe(200);
    expect(res.body.drops?.map((d) => d.id)).toEqual([live.id]);
  });
});

describe("POST /api/shoppers", () => {
  const post = (init: CallInit) => call(shoppersRoute, { path: "/api/shoppers", method: "POST", ...init });

  it.each([
    ["malformed JSON", "{"],
    ["a trailing comma", '{"name":"x",}'],
    ["single quotes", "{'name':'x'}"],
    ["a bare word", "undefined"],
  ])("%s → 400 INVALID_REQUEST", async (_name, body) => {
    expectError(
      await post({ body, headers: { "content-type": "application/json" } }),
      400,
      "INVALID_REQUEST",
    );
  });

  it.each([
    ["a number name", "name", { name: 5 }],
    ["an empty name", "name", { name: "   " }],
    ["a 61-character name", "name", { name: "x".repeat(61) }],
    ["an extra field", "shopperId", { shopperId: randomUUID() }],
    ["an array", "", []],
    ["null", "", null],
    ["a string", "", "shopper"],
  ])("%s → 400 with details at path %j", async (_name, path, json) => {
    const res = await post({ json });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([path]);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["a look-alike", "application/jsonx"],
    ["JSON text sequences", "application/json-seq"],
  ])("%s body → 415", async (_name, type) => {
    expectError(await post({ body: "{}", headers: { "content-type": type } }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it.each(["application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"])(
    "%s is JSON",
    async (type) => {
      expect((await post({ body: "{}", headers: { "content-type": type } })).status).toBe(201);
    },
  );
});

/** A JSON body of exactly `bytes` bytes: {"name":"xxxx…"}. */
const jsonOfSize = (bytes: number) => `{"name":"${"x".repeat(bytes - 11)}"}`;

/** A body sent in 16 KB chunks with no Content-Length, as a chunked upload arrives. */
function streamed(url: string, bytes: number, headers: Record<string, string>): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new TextEncoder().encode("x".repeat(Math.min(16_384, bytes - sent)));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("bodies over 64 KB → 413 on every POST", () => {
  const json = { "content-type": "application/json" };
  /** Each POST route, called with a body and headers (plus the credentials it needs). */
  const posts = (): [string, (req: Request) => Promise<Response>][] => [
    ["POST /api/shoppers", (req) => shoppersRoute(req, { params: Promise.resolve({}) })],
    [
      "POST claims",
      (req) => claimRoute(withAuth(req, shopper.token), { params: Promise.resolve({ id: live.id }) }),
    ],
    [
      "POST /api/admin/drops",
      (req) => adminCreateRoute(withAuth(req, adminToken()), { params: Promise.resolve({}) }),
    ],
  ];
  const withAuth = (req: Request, token: string) => {
    req.headers.set("authorization", `Bearer ${token}`);
    return req;
  };
  const send = async (handler: (req: Request) => Promise<Response>, req: Request): Promise<Called> => {
    const res = await handler(req);
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
  const post = (body: string, headers: Record<string, string>) =>
    new Request("http://test/api", { method: "POST", body, headers });

  it("exactly 64 KB is read (and judged on its content), one byte more is refused", async () => {
    expect(jsonOfSize(MAX_BODY_BYTES)).toHaveLength(MAX_BODY_BYTES);
    for (const [, handler] of posts()) {
      expectError(await send(handler, post(jsonOfSize(MAX_BODY_BYTES), json)), 400, "INVALID_REQUEST");
      expectError(await send(handler, post(jsonOfSize(MAX_BODY_BYTES + 1), json)), 413, "PAYLOAD_TOO_LARGE");
    }
  });

  it("a declared Content-Length over 64 KB is refused before reading", async () => {
    for (const [, handler] of posts()) {
      expectError(
        await send(handler, post("{}", { ...json, "content-length": "10000000" })),
        413,
        "PAYLOAD_TOO_LARGE",
      );
    }
  });

  it("a 1 MB chunked body without Content-Length is cut off at 64 KB", async () => {
    for (const [, handler] of posts()) {
      expectError(
        await send(handler, streamed("http://test/api", 1_000_000, json)),
        413,
        "PAYLOAD_TOO_LARGE",
      );
    }
  });
});

describe("drop reads: GET /api/drops/[id] and GET stock", () => {
  const reads = [
    ["GET /api/drops/[id]", dropRoute],
    ["GET stock", stockRoute],
  ] as const;

  it.each(reads)("%s: unknown, malformed, missing and draft ids → 404", async (_name, handler) => {
    const ids = [newDropId(), ...malformedIds, draft.id];
    for (const id of ids) expectError(await call(handler, { params: { id } }), 404, "NOT_FOUND");
    expectError(await call(handler, { params: {} }), 404, "NOT_FOUND");
  });

  it.each(reads)("%s: the live drop answers 200", async (_name, handler) => {
    expect((await call(handler, { params: { id: live.id } })).status).toBe(200);
  });
});

describe("POST /api/drops/[id]/claims", () => {
  const claim = (init: CallInit) =>
    call(claimRoute, { method: "POST", params: { id: live.id }, token: shopper.token, ...init });

  it.each(badTokens)("%s → 401", async (_name, token, headers) => {
    expectError(await claim({ token: token(), headers }), 401, "UNAUTHENTICATED");
  });

  it("unknown, malformed and draft drop ids → 404", async () => {
    for (const id of [newDropId(), ...malformedIds, draft.id])
      expectError(await claim({ params: { id } }), 404, "NOT_FOUND");
  });

  it.each([
    ["malformed JSON", 400, "INVALID_REQUEST", "{", "application/json"],
    ["text/plain", 415, "UNSUPPORTED_MEDIA_TYPE", "{}", "text/plain"],
  ])("%s body → %i %s", async (_name, status, code, body, type) => {
    expectError(await claim({ body, headers: { "content-type": type } }), status, code);
  });

  it.each([
    ["a quantity", { quantity: 2 }],
    ["a shopper id chosen by the client", { shopperId: randomUUID() }],
    ["an array", []],
    ["null", null],
    ["a number", 1],
  ])("a body with %s → 400", async (_name, json) => {
    expectError(await claim({ json }), 400, "INVALID_REQUEST");
  });

  it.each([
    ["empty", ""],
    ["with a space", "two words"],
    ["129 characters", "k".repeat(129)],
    ["non-ASCII", "kéy"],
  ])("an Idempotency-Key %s → 400", async (_name, key) => {
    const res = await claim({ headers: { "idempotency-key": key } });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details?.[0]?.message).toMatch(/Idempotency-Key/);
  });
});

describe("GET /api/shoppers/me/claims", () => {
  it.each(badTokens)("%s → 401", async (_name, token, headers) => {
    expectError(
      await call(allMyClaimsRoute, { path: "/api/shoppers/me/claims", token: token(), headers }),
      401,
      "UNAUTHENTICATED",
    );
  });
});

describe("GET /api/drops/[id]/claims/me", () => {
  it.each(badTokens)("%s → 401", async (_name, token, headers) => {
    expectError(
      await call(myClaimsRoute, { params: { id: live.id }, token: token(), headers }),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("unknown, malformed and draft drop ids → 404", async () => {
    for (const id of [newDropId(), ...malformedIds, draft.id]) {
      expectError(await call(myClaimsRoute, { params: { id }, token: shopper.token }), 404, "NOT_FOUND");
    }
  });

  it("a valid shopper on the live drop gets an empty list", async () => {
    const res = await call(myClaimsRoute, { params: { id: live.id }, token: shopper.token });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { claims: [] } });
  });
});

describe("GET and POST /api/admin/drops: authentication", () => {
  const forgedCookie = `droprush_admin=${Date.now() + 60_000}.AAAAAAAAAAAAAAAA.${"A".repeat(43)}`;
  const denied: [string, Record<string, string>][] = [
    ["no credentials", {}],
    ["a wrong token", { authorization: "Bearer wrong-admin-token-0123456789" }],
    ["the token plus a suffix", { authorization: `Bearer ${process.env.ADMIN_TOKEN}x` }],
    ["a shopper token", { authorization: "Bearer SHOPPER" }],
    ["the token in another scheme", { authorization: `Token ${process.env.ADMIN_TOKEN}` }],
    ["a forged session cookie", { cookie: forgedCookie }],
  ];
  const withShopper = (headers: Record<string, string>) =>
    headers.authorization === "Bearer SHOPPER" ? { authorization: `Bearer ${shopper.token}` } : headers;

  it.each(denied)("GET with %s → 401", async (_name, headers) => {
    expectError(
      await call(adminListRoute, { path: "/api/admin/drops", headers: withShopper(headers) }),
      401,
      "UNAUTHENTICATED",
    );
  });

  it.each(denied)("POST of a valid drop with %s → 401", async (_name, headers) => {
    expectError(
      await call(adminCreateRoute, {
        path: "/api/admin/drops",
        headers: withShopper(headers),
        json: dropInput(),
      }),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("a valid session cookie from another origin (or none) cannot create → 403", async () => {
    const cookie = `droprush_admin=${createAdminSession().value}`;
    for (const origin of [{ origin: "https://evil.example" }, { origin: "null" }, {}] as Record<
      string,
      string
    >[]) {
      const res = await call(adminCreateRoute, {
        path: "/api/admin/drops",
        headers: { cookie, host: "test", ...origin },
        json: dropInput(),
      });
      expectError(res, 403, "FORBIDDEN");
    }
  });

  it("the admin token lists drafts too", async () => {
    const res = await call(adminListRoute, { path: "/api/admin/drops", token: adminToken() });
    expect(res.status).toBe(200);
    expect(res.body.drops?.map((d) => d.id).sort()).toEqual([live.id, draft.id].sort());
  });
});

describe("POST /api/admin/drops: validation → 400 naming the field", () => {
  const create = (init: CallInit) =>
    call(adminCreateRoute, { path: "/api/admin/drops", token: adminToken(), ...init });
  const invalid: [string, unknown][] = [
    ["name", ""],
    ["name", "   "],
    ["name", "x".repeat(121)],
    ["name", 5],
    ["name", null],
    ["description", "x".repeat(2001)],
    ["description", 5],
    ["description", null],
    ["imageUrl", "http://example.com/a.png"],
    ["imageUrl", "javascript:alert(1)"],
    ["imageUrl", "//evil.example/a.png"],
    ["imageUrl", "/\\evil.example/a.png"],
    ["imageUrl", `/${"a".repeat(2048)}`],
    ["priceCents", -1],
    ["priceCents", 1.5],
    ["priceCents", 1_000_000_001],
    ["priceCents", "100"],
    ["priceCents", null],
    ["currency", "usd"],
    ["currency", "US"],
    ["currency", "USDD"],
    ["currency", ""],
    ["currency", 840],
    ["totalStock", 0],
    ["totalStock", -1],
    ["totalStock", 1_000_001],
    ["totalStock", 2.5],
    ["totalStock", "10"],
    ["maxPerShopper", 0],
    ["maxPerShopper", 101],
    ["maxPerShopper", 1.5],
    ["holdSeconds", 9],
    ["holdSeconds", 86_401],
    ["holdSeconds", 60.5],
    ["startsAt", "tomorrow"],
    ["startsAt", "2026-13-01T00:00:00Z"],
    ["startsAt", "2026-02-30T00:00:00Z"],
    ["startsAt", "2026-12-01"],
    ["startsAt", "2026-12-01T18:00:00"],
    ["startsAt", 1_764_612_000_000],
    ["endsAt", "never"],
    ["endsAt", null],
    ["draft", "yes"],
    ["draft", 1],
    ["listed", "no"],
    ["listed", 0],
    ["listed", null],
  ];

  it.each(invalid)("%s = %j", async (field, value) => {
    const res = await create({ json: { ...dropInput(), [field]: value } });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([field]);
  });

  it.each(["name", "priceCents", "totalStock", "startsAt", "endsAt"])("missing %s", async (field) => {
    const json: Record<string, unknown> = { ...dropInput() };
    delete json[field];
    const res = await create({ json });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details?.map((d) => d.path)).toEqual([field]);
  });

  // Far ahead, so that only the order of the two is wrong (an end that has passed is its own rule).
  it.each([
    ["equal to startsAt", "2099-12-01T18:00:00Z", "2099-12-01T18:00:00Z"],
    ["before startsAt", "2099-12-01T18:00:00Z", "2099-12-01T17:59:59Z"],
    ["before startsAt in another offset", "2099-12-01T18:00:00Z", "2099-12-01T19:30:00+02:00"],
  ])("endsAt %s", async (_name, startsAt, endsAt) => {
    const res = await create({ json: dropInput({ startsAt, endsAt }) });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details).toEqual([{ path: "endsAt", message: "The end must be after the start" }]);
  });

  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  it.each<[string, string, string, boolean?]>([
    ["a window that has already ended", ago(7_200_000), ago(3_600_000)],
    ["an end a second ago, a start long before", ago(86_400_000), ago(1_000)],
    ["an end in the past, before its start", ago(1_000), ago(60_000)],
    ["a draft whose end has passed", ago(7_200_000), ago(3_600_000), true],
  ])("%s → 400: the end time has already passed", async (_name, startsAt, endsAt, draft = false) => {
    const res = await create({ json: dropInput({ startsAt, endsAt, draft }) });
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details).toEqual([{ path: "endsAt", message: "The end time has already passed" }]);
  });

  it.each(["id", "remainingStock", "phase", "status", "createdAt"])(
    "an extra field %s is refused by name",
    async (field) => {
      const res = await create({ json: { ...dropInput(), [field]: "x" } });
      expectError(res, 400, "INVALID_REQUEST");
      expect(res.body.error?.details).toEqual([{ path: field, message: `Unknown field "${field}"` }]);
    },
  );

  it.each([
    ["malformed JSON", 400, "INVALID_REQUEST", '{"name":', "application/json"],
    ["an Infinity price", 400, "INVALID_REQUEST", '{"name":"x","priceCents":1e400}', "application/json"],
    [
      "a __proto__ key",
      400,
      "INVALID_REQUEST",
      '{"__proto__":{"phase":"active"},"name":"x"}',
      "application/json",
    ],
    ["an array", 400, "INVALID_REQUEST", "[]", "application/json"],
    ["null", 400, "INVALID_REQUEST", "null", "application/json"],
    ["an empty body", 400, "INVALID_REQUEST", "", "application/json"],
    ["a form", 415, "UNSUPPORTED_MEDIA_TYPE", "name=x&priceCents=1", "application/x-www-form-urlencoded"],
    ["text/plain JSON", 415, "UNSUPPORTED_MEDIA_TYPE", JSON.stringify(dropInput()), "text/plain"],
  ])("%s → %i %s", async (_name, status, code, body, type) => {
    expectError(await create({ body, headers: { "content-type": type } }), status, code);
  });
});

describe("text fields: NUL, lone surrogates, control and bidi characters → 400 naming the field, nothing written", () => {
  // Each shown to other people (the shop, the dashboard, a receipt): a right-to-left override
  // would make "Sneaker\u202Egpj.exe" read as "Sneakerexe.jpg", and real DynamoDB may refuse to store
  // a lone surrogate. The table is compared with its first scan after the file (afterAll).
  const bad: [string, string, RegExp][] = [
    ["a right-to-left override", "Aurora \u202ERunner", /bidirectional control character U\+202E/],
    ["a right-to-left isolate", "Aurora \u2067Runner\u2069", /bidirectional control character U\+2067/],
    ["a left-to-right mark", "Aurora\u200E Runner", /bidirectional control character U\+200E/],
    ["the Arabic letter mark", "Aurora\u061C Runner", /bidirectional control character U\+061C/],
    ["a NUL", "Aurora\u0000Runner", /NUL character \(U\+0000\)/],
    ["a lone high surrogate", "Aurora \uD83D Runner", /unpaired surrogate \(U\+D83D\)/],
    ["a lone low surrogate", "Aurora \uDE00", /unpaired surrogate \(U\+DE00\)/],
    ["an escape character", "Aurora \u001B[31mRunner", /control character U\+001B/],
  ];
  const expectNamed = (res: Called, path: string, message: RegExp) => {
    expectError(res, 400, "INVALID_REQUEST");
    expect(res.body.error?.details).toEqual([{ path, message: expect.stringMatching(message) }]);
  };
  const adminPost = (handler: typeof adminCreateRoute, path: string, json: unknown) =>
    call(handler, { path, token: adminToken(), json });

  it.each(bad)("a drop's name with %s (POST /api/admin/drops)", async (_name, value, message) => {
    expectNamed(
      await adminPost(adminCreateRoute, "/api/admin/drops", dropInput({ name: value })),
      "name",
      message,
    );
  });

  it.each(bad)(
    "a drop's description with %s, and an edit of its name (PATCH)",
    async (_name, value, message) => {
      const res = await adminPost(adminCreateRoute, "/api/admin/drops", dropInput({ description: value }));
      expectNamed(res, "description", message);
      const patch = await call(adminPatchRoute, {
        method: "PATCH",
        params: { id: live.id },
        token: adminToken(),
        json: { name: value },
      });
      expectNamed(patch, "name", message);
    },
  );

  it.each(bad)("a brand's name with %s (POST /api/admin/brands)", async (_name, value, message) => {
    const res = await adminPost(createBrandRoute, "/api/admin/brands", { name: value, slug: "text-check" });
    expectNamed(res, "name", message);
  });

  it.each(bad)("a shopper's name with %s (POST /api/shoppers)", async (_name, value, message) => {
    const res = await call(shoppersRoute, { path: "/api/shoppers", method: "POST", json: { name: value } });
    expectNamed(res, "name", message);
  });

  it.each(bad)("a buyer's name and address with %s (checkout)", async (_name, value, message) => {
    const buyer = { name: "Ada", email: "ada@example.com", shippingAddress: "1 Loop Road\nTestville" };
    const confirm = (json: unknown) =>
      call(confirmRoute, { params: { claimId: "AAAAAAAAAAAAAAAAAAAAAA" }, token: shopper.token, json });
    expectNamed(await confirm({ ...buyer, name: value }), "name", message);
    expectNamed(
      await confirm({ ...buyer, shippingAddress: `${value}, Testville` }),
      "shippingAddress",
      message,
    );
  });

  it("a line break or tab in a one-line field is refused; a multi-line field keeps them", async () => {
    const res = await adminPost(adminCreateRoute, "/api/admin/drops", dropInput({ name: "Two\nlines" }));
    expectNamed(res, "name", /Must be one line: contains a line break \(U\+000A\)/);
    const tab = await call(shoppersRoute, { path: "/api/shoppers", method: "POST", json: { name: "a\tb" } });
    expectNamed(tab, "name", /Must be one line: contains a tab/);
    // A description keeps its lines (nothing written: refused by its price, named alone).
    const lines = await adminPost(
      adminCreateRoute,
      "/api/admin/drops",
      dropInput({ description: "Line one\r\nLine two\twith a tab", priceCents: -1 }),
    );
    expectNamed(lines, "priceCents", /negative/);
  });
});
