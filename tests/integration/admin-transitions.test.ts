// Admin mutations: every invalid body and every invalid transition gets its 4xx with a code that
// names the reason and leaves the table exactly as it was; the valid ones do what they say.
import { beforeAll, describe, expect, it } from "vitest";
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
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { GET as stockRoute } from "@/app/api/drops/[id]/stock/route";
import { flushAttemptCounts } from "@/lib/attempts/counts";
import type { Drop } from "@/lib/schemas/drop";
import {
  adminToken,
  call,
  createDrop,
  createDropUnchecked,
  dropState,
  mintShopper,
  scanTable,
  type Called,
  ownTable,
} from "./helpers";

ownTable("droprush-test-admin-transitions");

type Route = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const routes = {
  pause: pauseRoute,
  resume: resumeRoute,
  end: endRoute,
  publish: publishRoute,
  restock: restockRoute,
} as const;

function admin(
  handler: Route,
  id: string,
  init: {
    method?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
    query?: string;
  } = {},
): Promise<Called> {
  const { query = "", ...rest } = init;
  return call(handler, {
    path: `/api/admin/drops/${id}${query}`,
    method: init.method ?? "POST",
    params: { id },
    token: adminToken(),
    ...rest,
  });
}
const act = (action: keyof typeof routes, id: string, json?: unknown) =>
  admin(routes[action], id, { json: json ?? {} });
const patch = (id: string, json: unknown) => admin(patchRoute, id, { method: "PATCH", json });

let live: Drop,
  scheduled: Drop,
  draft: Drop,
  pastDraft: Drop,
  paused: Drop,
  pausedBeforeStart: Drop,
  ended: Drop,
  soldOut: Drop;

beforeAll(async () => {
  const now = Date.now();
  [live, scheduled, draft, pastDraft, paused, pausedBeforeStart, ended, soldOut] = await Promise.all([
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 5, startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) }),
    createDrop({ totalStock: 5, draft: true, startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) }),
    // A window that has already ended: the API refuses it, so through the data layer.
    createDropUnchecked({
      totalStock: 5,
      draft: true,
      startsAt: iso(now - 2 * HOUR),
      endsAt: iso(now - HOUR),
    }),
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 5, startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) }),
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 1 }),
  ]);
  expect((await act("pause", paused.id)).status).toBe(200);
  expect((await act("pause", pausedBeforeStart.id)).status).toBe(200);
  expect((await act("end", ended.id)).status).toBe(200);
  const shopper = await mintShopper();
  expect(
    (
      await call(claimRoute, {
        path: `/api/drops/${soldOut.id}/claims`,
        method: "POST",
        params: { id: soldOut.id },
        token: shopper.token,
      })
    ).status,
  ).toBe(201);
  await flushAttemptCounts({ all: true });
});

describe("refused: every invalid transition and body, with the table unchanged", () => {
  let before: Record<string, unknown>[];
  beforeAll(async () => {
    before = await scanTable();
  });

  it("invalid transitions → 409 with a code that names the reason", async () => {
    const now = Date.now();
    const window = { startsAt: iso(now + 3 * HOUR), endsAt: iso(now + 4 * HOUR) };
    const cases: [string, () => Promise<Called>, number, string][] = [
      ["resume a live drop", () => act("resume", live.id), 409, "NOT_PAUSED"],
      ["resume a scheduled drop", () => act("resume", scheduled.id), 409, "NOT_PAUSED"],
      ["resume a draft", () => act("resume", draft.id), 409, "NOT_PAUSED"],
      ["resume an ended drop", () => act("resume", ended.id), 409, "DROP_ENDED"],
      ["pause a paused drop", () => act("pause", paused.id), 409, "ALREADY_PAUSED"],
      ["pause a draft", () => act("pause", draft.id), 409, "DROP_IS_DRAFT"],
      ["pause an ended drop", () => act("pause", ended.id), 409, "DROP_ENDED"],
      ["end an ended drop", () => act("end", ended.id), 409, "DROP_ENDED"],
      ["end a draft", () => act("end", draft.id), 409, "DROP_IS_DRAFT"],
      ["publish a live drop", () => act("publish", live.id), 409, "NOT_DRAFT"],
      ["publish a paused drop", () => act("publish", paused.id), 409, "NOT_DRAFT"],
      ["publish a draft whose end has passed", () => act("publish", pastDraft.id), 409, "DROP_ENDED"],
      ["restock an ended drop", () => act("restock", ended.id, { quantity: 3 }), 409, "DROP_ENDED"],
      [
        "remove more units than are unsold",
        () => act("restock", live.id, { quantity: -6 }),
        409,
        "STOCK_BELOW_SOLD",
      ],
      [
        "remove a sold unit of a sold-out drop",
        () => act("restock", soldOut.id, { quantity: -1 }),
        409,
        "STOCK_BELOW_SOLD",
      ],
      ["edit the times of a live drop", () => patch(live.id, window), 409, "DROP_STARTED"],
      [
        "edit the times of a drop paused after its start",
        () => patch(paused.id, window),
        409,
        "DROP_STARTED",
      ],
      [
        "edit the limit of a sold-out drop",
        () => patch(soldOut.id, { maxPerShopper: 3 }),
        409,
        "DROP_STARTED",
      ],
      [
        "edit the hold of a live drop, with a new name",
        () => patch(live.id, { holdSeconds: 60, name: "Never saved" }),
        409,
        "DROP_STARTED",
      ],
      ["edit the times of an ended drop", () => patch(ended.id, window), 409, "DROP_ENDED"],
      ["delete a live drop", () => admin(deleteRoute, live.id, { method: "DELETE" }), 409, "NOT_DRAFT"],
      [
        "delete a scheduled drop",
        () => admin(deleteRoute, scheduled.id, { method: "DELETE" }),
        409,
        "NOT_DRAFT",
      ],
      ["delete an ended drop", () => admin(deleteRoute, ended.id, { method: "DELETE" }), 409, "NOT_DRAFT"],
    ];
    const unknown = "no-such-drop";
    for (const a of Object.keys(routes) as (keyof typeof routes)[]) {
      cases.push([
        `${a} an unknown drop`,
        () => act(a, unknown, a === "restock" ? { quantity: 1 } : {}),
        404,
        "NOT_FOUND",
      ]);
      cases.push([
        `${a} a malformed id`,
        () => act(a, "../DROP#x", a === "restock" ? { quantity: 1 } : {}),
        404,
        "NOT_FOUND",
      ]);
    }
    cases.push(
      ["patch an unknown drop", () => patch(unknown, { name: "x" }), 404, "NOT_FOUND"],
      ["reschedule an unknown drop", () => patch(unknown, window), 404, "NOT_FOUND"],
      ["delete an unknown drop", () => admin(deleteRoute, unknown, { method: "DELETE" }), 404, "NOT_FOUND"],
      ["get an unknown drop", () => admin(getRoute, unknown, { method: "GET" }), 404, "NOT_FOUND"],
      [
        "claims of an unknown drop",
        () => admin(claimsRoute, unknown, { method: "GET", query: "/claims" }),
        404,
        "NOT_FOUND",
      ],
      [
        "metrics of an unknown drop",
        () => admin(metricsRoute, unknown, { method: "GET", query: "/metrics" }),
        404,
        "NOT_FOUND",
      ],
    );
    const wrong: string[] = [];
    for (const [label, run, status, code] of cases) {
      const res = await run();
      if (res.status !== status || res.body.error?.code !== code)
        wrong.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
      else expect(res.body.error?.message, label).toMatch(/\S/);
    }
    expect(wrong).toEqual([]);
  });

  it("invalid bodies and queries → 400 (or 415), naming the field where there is one", async () => {
    const id = scheduled.id;
    const bad: [string, () => Promise<Called>, number, string?][] = [
      ["restock without quantity", () => act("restock", id, {}), 400, "quantity"],
      ["restock 0", () => act("restock", id, { quantity: 0 }), 400, "quantity"],
      ["restock 1.5", () => act("restock", id, { quantity: 1.5 }), 400, "quantity"],
      ['restock "3"', () => act("restock", id, { quantity: "3" }), 400, "quantity"],
      ["restock 2,000,000", () => act("restock", id, { quantity: 2_000_000 }), 400, "quantity"],
      ["restock null", () => act("restock", id, { quantity: null }), 400, "quantity"],
      ["restock with an extra field", () => act("restock", id, { quantity: 1, totalStock: 99 }), 400],
      ["restock an array", () => act("restock", id, [1]), 400],
      [
        "restock a non-JSON body",
        () =>
          admin(restockRoute, id, { body: "{quantity:1", headers: { "content-type": "application/json" } }),
        400,
      ],
      [
        "restock as a form",
        () =>
          admin(restockRoute, id, {
            body: "quantity=1",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        415,
      ],
      ["pause with a body", () => act("pause", id, { phase: "paused" }), 400],
      ["resume with a body", () => act("resume", id, { force: true }), 400],
      ["end with a body", () => act("end", id, { at: "now" }), 400],
      ["publish with a body", () => act("publish", draft.id, { draft: false }), 400],
      ["patch nothing", () => patch(id, {}), 400],
      ["patch only the start", () => patch(id, { startsAt: iso(Date.now() + 3 * HOUR) }), 400, "endsAt"],
      [
        "patch an end before the start",
        () => patch(id, { startsAt: iso(Date.now() + 3 * HOUR), endsAt: iso(Date.now() + 2 * HOUR) }),
        400,
        "endsAt",
      ],
      [
        "patch an end in the past",
        () => patch(id, { startsAt: iso(Date.now() - 3 * HOUR), endsAt: iso(Date.now() - 2 * HOUR) }),
        400,
        "endsAt",
      ],
      [
        "patch a date that is not ISO",
        () => patch(id, { startsAt: "tomorrow", endsAt: "next week" }),
        400,
        "startsAt",
      ],
      ["patch an empty name", () => patch(id, { name: "  " }), 400, "name"],
      ["patch a negative price", () => patch(id, { priceCents: -1 }), 400, "priceCents"],
      ["patch a lower-case currency", () => patch(id, { currency: "usd" }), 400, "currency"],
      ["patch a javascript: image", () => patch(id, { imageUrl: "javascript:alert(1)" }), 400, "imageUrl"],
      ["patch a hold of 5 s", () => patch(id, { holdSeconds: 5 }), 400, "holdSeconds"],
      ["patch a limit of 0", () => patch(id, { maxPerShopper: 0 }), 400, "maxPerShopper"],
      ["patch the stock (restock does that)", () => patch(id, { totalStock: 99 }), 400],
      ["patch the phase", () => patch(id, { phase: "active" }), 400],
      ["patch remainingStock", () => patch(id, { remainingStock: 1000 }), 400],
      [
        "claims with a made-up cursor",
        () => admin(claimsRoute, id, { method: "GET", query: "/claims?cursor=!!!" }),
        400,
        "cursor",
      ],
      [
        "claims with a cursor that decodes to junk",
        () =>
          admin(claimsRoute, id, {
            method: "GET",
            query: `/claims?cursor=${Buffer.from("DROP#x").toString("base64url")}`,
          }),
        400,
      ],
      [
        "claims with limit 0",
        () => admin(claimsRoute, id, { method: "GET", query: "/claims?limit=0" }),
        400,
        "limit",
      ],
      [
        "claims with limit 1000",
        () => admin(claimsRoute, id, { method: "GET", query: "/claims?limit=1000" }),
        400,
        "limit",
      ],
      [
        "claims as XML",
        () => admin(claimsRoute, id, { method: "GET", query: "/claims?format=xml" }),
        400,
        "format",
      ],
      [
        "claims with an unknown parameter",
        () => admin(claimsRoute, id, { method: "GET", query: "/claims?debug=1" }),
        400,
      ],
    ];
    const wrong: string[] = [];
    for (const [label, run, status, field] of bad) {
      const res = await run();
      const paths = (res.body.error?.details ?? []).map((d) => d.path);
      if (res.status !== status || (field && !paths.includes(field)))
        wrong.push(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("…and the table is exactly as it was", async () => {
    await flushAttemptCounts({ all: true });
    expect(await scanTable()).toEqual(before);
  });
});

describe("valid transitions do what they say", () => {
  const claim = async (id: string) => {
    const shopper = await mintShopper();
    return call(claimRoute, {
      path: `/api/drops/${id}/claims`,
      method: "POST",
      params: { id },
      token: shopper.token,
    });
  };

  it("pause → claims get 409 PAUSED at once; resume → claims sell again", async () => {
    const drop = await createDrop({ totalStock: 5 });
    expect((await claim(drop.id)).status).toBe(201);
    const res = await act("pause", drop.id);
    expect([res.status, res.body.drop?.status]).toEqual([200, "paused"]);
    const refused = await claim(drop.id);
    expect([refused.status, refused.body.error?.code]).toEqual([409, "PAUSED"]);
    expect((await act("resume", drop.id)).body.drop?.status).toBe("live");
    expect((await claim(drop.id)).status).toBe(201);
    expect(await dropState(drop.id)).toMatchObject({ phase: "active", remainingStock: 3, totalStock: 5 });
  });

  it("restock adds to remaining and total at once; a negative restock removes only unsold units", async () => {
    const drop = await createDrop({ totalStock: 2 });
    expect((await claim(drop.id)).status).toBe(201);
    expect((await claim(drop.id)).status).toBe(201);
    expect((await claim(drop.id)).body.error?.code).toBe("SOLD_OUT");
    const up = await act("restock", drop.id, { quantity: 3 });
    expect([up.status, up.body.drop?.remainingStock, up.body.drop?.totalStock, up.body.drop?.status]).toEqual(
      [200, 3, 5, "live"],
    );
    expect((await claim(drop.id)).status).toBe(201); // sells again at once
    const down = await act("restock", drop.id, { quantity: -2 });
    expect([down.status, down.body.drop?.remainingStock, down.body.drop?.totalStock]).toEqual([200, 0, 3]);
    expect((await act("restock", drop.id, { quantity: -1 })).body.error?.code).toBe("STOCK_BELOW_SOLD");
    expect(await dropState(drop.id)).toMatchObject({ remainingStock: 0, totalStock: 3 });
  });

  it("end closes the window now; claims get ENDED", async () => {
    const drop = await createDrop({ totalStock: 5 });
    const before = Date.now();
    const res = await act("end", drop.id);
    expect([res.status, res.body.drop?.status]).toEqual([200, "ended"]);
    const state = await dropState(drop.id);
    expect(state?.phase).toBe("ended");
    expect(state!.endsAt).toBeGreaterThanOrEqual(before);
    expect(state!.endsAt).toBeLessThanOrEqual(Date.now());
    expect((await claim(drop.id)).body.error?.code).toBe("ENDED");
  });

  it("times, limit and hold change while scheduled; catalogue edits never touch the hot item", async () => {
    const now = Date.now();
    const drop = await createDrop({ totalStock: 5, startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) });
    const stockWindow = async () => {
      const { body } = await call(stockRoute, { params: { id: drop.id } });
      return { startsAt: body.startsAt, endsAt: body.endsAt };
    };
    // The polled stock carries the window: an open page follows the reschedule below.
    expect(await stockWindow()).toEqual({ startsAt: drop.startsAt, endsAt: drop.endsAt });
    const window = { startsAt: iso(now + 3 * HOUR), endsAt: iso(now + 5 * HOUR) };
    const res = await patch(drop.id, {
      ...window,
      maxPerShopper: 2,
      holdSeconds: 120,
      name: "Renamed",
      priceCents: 2500,
    });
    expect(res.status).toBe(200);
    expect(res.body.drop).toMatchObject({
      ...window,
      maxPerShopper: 2,
      holdSeconds: 120,
      name: "Renamed",
      priceCents: 2500,
      status: "scheduled",
    });
    expect(await stockWindow()).toEqual(window);

    const live = await createDrop({ totalStock: 5 });
    const hot = await dropState(live.id);
    const edit = await patch(live.id, {
      name: "New name",
      description: "New words",
      imageUrl: "/drops/golden-ticket.svg",
      currency: "EUR",
    });
    expect([edit.status, edit.body.drop?.name, edit.body.drop?.currency]).toEqual([200, "New name", "EUR"]);
    expect(await dropState(live.id)).toEqual(hot);
  });

  it("a draft: reschedule, publish, or delete (both items gone)", async () => {
    const now = Date.now();
    const d1 = await createDropUnchecked({
      draft: true,
      startsAt: iso(now - 2 * HOUR),
      endsAt: iso(now - HOUR),
    });
    expect((await patch(d1.id, { startsAt: iso(now - 60_000), endsAt: iso(now + HOUR) })).status).toBe(200);
    const pub = await act("publish", d1.id);
    expect([pub.status, pub.body.drop?.status]).toEqual([200, "live"]);
    expect((await claim(d1.id)).status).toBe(201);

    const d2 = await createDrop({ draft: true });
    const del = await admin(deleteRoute, d2.id, { method: "DELETE" });
    expect([del.status, del.body.deleted]).toEqual([200, d2.id]);
    expect((await scanTable()).filter((i) => String(i.pk).endsWith(`#${d2.id}`))).toEqual([]);
    expect((await admin(getRoute, d2.id, { method: "GET" })).status).toBe(404);
  });
});
