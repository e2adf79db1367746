// A refused admin write explains itself from the item DynamoDB returned with its refusal (ALL_OLD),
// or, where the database returns none (dynalite), from one read: the same code and message as ever,
// never a second read. A write that lands answers the drop as written: its hot item is not read
// again. Every call of the app's clients is watched; "as AWS answers" adds the refused item to each
// refusal that asked for it, the way DynamoDB does.
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as endRoute } from "@/app/api/admin/drops/[id]/end/route";
import { POST as pauseRoute } from "@/app/api/admin/drops/[id]/pause/route";
import { POST as publishRoute } from "@/app/api/admin/drops/[id]/publish/route";
import { POST as restockRoute } from "@/app/api/admin/drops/[id]/restock/route";
import { POST as resumeRoute } from "@/app/api/admin/drops/[id]/resume/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/admin/drops/[id]/route";
import { connect } from "@/lib/db/connect";
import { db, dbOnce, tableName } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Drop } from "@/lib/schemas/drop";
import { adminToken, call, createDrop, createDropUnchecked, ownTable, type Called } from "./helpers";

ownTable("droprush-test-admin-refusal-reads");

type Route = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
type Call = { command: string; pks: string[] };

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const calls: Call[] = [];
let awsAnswers = false;
/** A client of its own, unwatched, for what the emulated database returns. */
let raw: ReturnType<typeof connect>;

const keysOf = (input: Record<string, unknown>): string[] => {
  const key = input.Key as { pk?: string } | undefined;
  if (key?.pk) return [key.pk];
  const batch = input.RequestItems as Record<string, { Keys?: { pk: string }[] }> | undefined;
  return Object.values(batch ?? {}).flatMap((r) => (r.Keys ?? []).map((k) => k.pk));
};

beforeAll(() => {
  raw = connect({ endpoint: env().DYNAMODB_ENDPOINT, region: env().AWS_REGION });
  for (const client of [db(), dbOnce()])
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        calls.push({ command: context.commandName as string, pks: keysOf(input) });
        try {
          return await next(args);
        } catch (err) {
          const asked = input.ReturnValuesOnConditionCheckFailure === "ALL_OLD";
          if (awsAnswers && asked && err instanceof ConditionalCheckFailedException) {
            const { Item } = await raw.send(
              new GetCommand({
                TableName: tableName(),
                Key: input.Key as { pk: string },
                ConsistentRead: true,
              }),
            );
            if (Item) err.Item = marshall(Item);
          }
          throw err;
        }
      },
      { step: "initialize", name: "watchCalls" },
    );
});
afterAll(() => {
  for (const client of [db(), dbOnce()]) client.middlewareStack.remove("watchCalls");
});

const reads = new Set(["GetItemCommand", "BatchGetItemCommand", "QueryCommand"]);
const writes = new Set(["UpdateItemCommand", "DeleteItemCommand"]);
const hot = (id: string) => (pk: string) => pk === `DROP#${id}` || pk.startsWith(`DROP#${id}#S`);

/** The route's answer, with its writes of the drop's hot items and its reads of them after the first write. */
async function watched(id: string, send: () => Promise<Called>) {
  calls.length = 0;
  const res = await send();
  const onHot = calls.filter((c) => c.pks.some(hot(id)));
  const first = onHot.findIndex((c) => writes.has(c.command));
  return {
    res,
    writes: onHot.filter((c) => writes.has(c.command)).length,
    readsAfter: first < 0 ? -1 : onHot.slice(first).filter((c) => reads.has(c.command)).length,
  };
}

const act = (route: Route, id: string, json: unknown = {}, method = "POST") =>
  call(route, { path: `/api/admin/drops/${id}`, method, params: { id }, token: adminToken(), json });

let live: Drop, paused: Drop, ended: Drop, draft: Drop, pastDraft: Drop;
beforeAll(async () => {
  const now = Date.now();
  [live, paused, ended, draft, pastDraft] = await Promise.all([
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 5 }),
    createDrop({ totalStock: 5, draft: true, startsAt: iso(now + HOUR), endsAt: iso(now + 2 * HOUR) }),
    createDropUnchecked({
      totalStock: 5,
      draft: true,
      startsAt: iso(now - 2 * HOUR),
      endsAt: iso(now - HOUR),
    }),
  ]);
  expect((await act(pauseRoute, paused.id)).status).toBe(200);
  expect((await act(endRoute, ended.id)).status).toBe(200);
});

/** Each refusal with the code and message the API has always answered. */
const refusals = (): [string, string, () => Promise<Called>, string, string][] => {
  const window = { startsAt: iso(Date.now() + 3 * HOUR), endsAt: iso(Date.now() + 4 * HOUR) };
  return [
    [
      "pause a paused drop",
      paused.id,
      () => act(pauseRoute, paused.id),
      "ALREADY_PAUSED",
      "This drop is already paused.",
    ],
    [
      "pause a draft",
      draft.id,
      () => act(pauseRoute, draft.id),
      "DROP_IS_DRAFT",
      "This drop is a draft; publish it first.",
    ],
    ["pause an ended drop", ended.id, () => act(pauseRoute, ended.id), "DROP_ENDED", "This drop has ended."],
    [
      "resume a live drop",
      live.id,
      () => act(resumeRoute, live.id),
      "NOT_PAUSED",
      "Only a paused drop can be resumed.",
    ],
    ["end an ended drop", ended.id, () => act(endRoute, ended.id), "DROP_ENDED", "This drop has ended."],
    [
      "publish a live drop",
      live.id,
      () => act(publishRoute, live.id),
      "NOT_DRAFT",
      "This drop is already published.",
    ],
    [
      "publish a draft whose end has passed",
      pastDraft.id,
      () => act(publishRoute, pastDraft.id),
      "DROP_ENDED",
      "Its end time has passed; set new times before publishing.",
    ],
    [
      "restock an ended drop",
      ended.id,
      () => act(restockRoute, ended.id, { quantity: 2 }),
      "DROP_ENDED",
      "An ended drop cannot be restocked.",
    ],
    [
      "remove more units than are unsold",
      live.id,
      () => act(restockRoute, live.id, { quantity: -6 }),
      "STOCK_BELOW_SOLD",
      "Only 5 unsold units can be removed.",
    ],
    [
      "reschedule a live drop",
      live.id,
      () => act(patchRoute, live.id, window, "PATCH"),
      "DROP_STARTED",
      "Times, limit and hold length can only change before the drop starts.",
    ],
    [
      "delete a live drop",
      live.id,
      () => act(deleteRoute, live.id, undefined, "DELETE"),
      "NOT_DRAFT",
      "Only a draft can be deleted; end a published drop instead.",
    ],
  ];
};

describe("a refused admin write", () => {
  it("on dynalite (no item with the refusal): its code and message, after one read of the drop item", async () => {
    awsAnswers = false;
    for (const [label, id, send, code, message] of refusals()) {
      const { res, writes, readsAfter } = await watched(id, send);
      expect({ label, status: res.status, error: res.body.error }).toEqual({
        label,
        status: 409,
        error: { code, message },
      });
      expect({ label, writes, readsAfter }).toEqual({ label, writes: 1, readsAfter: 1 });
    }
  });

  it("as AWS answers (the refused item with it): the same code and message, with no read at all", async () => {
    awsAnswers = true;
    try {
      for (const [label, id, send, code, message] of refusals()) {
        const { res, writes, readsAfter } = await watched(id, send);
        expect({ label, status: res.status, error: res.body.error }).toEqual({
          label,
          status: 409,
          error: { code, message },
        });
        expect({ label, writes, readsAfter }).toEqual({ label, writes: 1, readsAfter: 0 });
      }
    } finally {
      awsAnswers = false;
    }
  });
});

describe("a write that lands answers the drop as written", () => {
  it("pause, resume, restock, reschedule, publish and end: no read of the hot items after the write", async () => {
    const now = Date.now();
    const window = { startsAt: iso(now + 3 * HOUR), endsAt: iso(now + 4 * HOUR) };
    const one = await createDrop({
      totalStock: 5,
      draft: true,
      startsAt: iso(now + HOUR),
      endsAt: iso(now + 2 * HOUR),
    });
    const sharded = await createDrop({ totalStock: 8, stockShards: 4 });
    const steps: [string, Drop, () => Promise<Called>, Partial<Drop>][] = [
      [
        "reschedule a draft",
        one,
        () => act(patchRoute, one.id, window, "PATCH"),
        { ...window, status: "draft" },
      ],
      ["publish it", one, () => act(publishRoute, one.id), { status: "scheduled" }],
      [
        "restock it",
        one,
        () => act(restockRoute, one.id, { quantity: 3 }),
        { totalStock: 8, remainingStock: 8 },
      ],
      ["pause it", one, () => act(pauseRoute, one.id), { status: "paused" }],
      ["resume it", one, () => act(resumeRoute, one.id), { status: "scheduled" }],
      ["end it", one, () => act(endRoute, one.id), { status: "ended" }],
      [
        "pause a sharded drop",
        sharded,
        () => act(pauseRoute, sharded.id),
        { status: "paused", totalStock: 8 },
      ],
      [
        "restock a sharded drop",
        sharded,
        () => act(restockRoute, sharded.id, { quantity: 6 }),
        { status: "paused", totalStock: 14, remainingStock: 14 },
      ],
      [
        "end a sharded drop",
        sharded,
        () => act(endRoute, sharded.id),
        { status: "ended", remainingStock: 14 },
      ],
    ];
    for (const [label, drop, send, expected] of steps) {
      const { res, readsAfter } = await watched(drop.id, send);
      expect({ label, status: res.status, drop: res.body.drop }).toMatchObject({
        label,
        status: 200,
        drop: expected,
      });
      expect({ label, readsAfter }).toEqual({ label, readsAfter: 0 });
    }
  });
});
