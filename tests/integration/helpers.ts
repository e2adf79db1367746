// Calls the real route handlers in-process against the test database; shared by the integration tests.
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll } from "vitest";
import { POST as createDropRoute } from "@/app/api/admin/drops/route";
import { POST as claimRoute } from "@/app/api/drops/[id]/claims/route";
import { POST as createShopperRoute } from "@/app/api/shoppers/route";
import { listDropClaims } from "@/lib/claim/reads";
import { db, tableName } from "@/lib/db/client";
import { ensureTable } from "@/lib/db/connect";
import { createDrop as createDropRecord, newDropId } from "@/lib/drop/drops";
import { getDropState } from "@/lib/stock/reads";
import type { ErrorCode } from "@/lib/errors";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import type { CreateDropInput, Drop } from "@/lib/schemas/drop";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** What a test reads back from a response body: one of the documented shapes. */
export type Body = {
  error?: { code: ErrorCode; message: string; details?: { path: string; message: string }[] };
  claim?: Claim;
  claims?: Claim[];
  drop?: Drop;
  drops?: Drop[];
  [field: string]: unknown;
};

export type Called = { status: number; body: Body; headers: Headers };

export type CallInit = {
  method?: string;
  path?: string;
  /** Route params, e.g. `{ id }`; malformed or missing ones are what some tests send on purpose. */
  params?: Record<string, string>;
  token?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with only the headers given. */
  body?: string;
  headers?: Record<string, string>;
  /** The request's signal (Next.js aborts it once the client has gone). */
  signal?: AbortSignal;
};

/**
 * Gives this test file a table of its own, so "nothing was written" is exact while other files
 * write in parallel. Call it at the top of the file, before anything touches the database.
 */
export function ownTable(name: string): void {
  process.env.DYNAMODB_TABLE = name;
  beforeAll(() => ensureTable(db(), tableName()));
}

/** Calls a route handler the way Next does: a Request plus `{ params: Promise }`. */
export async function call<P>(handler: Handler<P>, init: CallInit = {}): Promise<Called> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://test${init.path ?? "/api"}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    signal: init.signal,
  });
  // Next resolves `params` to undefined for a route without dynamic segments: so do we.
  const res = await handler(req, { params: Promise.resolve(init.params as P) });
  const text = await res.text(); // a 204 has no body
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body, headers: res.headers };
}

/** A rehearsal shopper, minted with the admin token: tests mint hundreds, past a guest's limit. */
export async function mintShopper(): Promise<Shopper> {
  const res = await call(createShopperRoute, {
    path: "/api/shoppers",
    method: "POST",
    token: process.env.ADMIN_TOKEN as string,
  });
  if (res.status !== 201)
    throw new Error(`POST /api/shoppers answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as unknown as Shopper;
}

export function mintShoppers(n: number): Promise<Shopper[]> {
  return Promise.all(Array.from({ length: n }, () => mintShopper()));
}

export const adminToken = () => process.env.ADMIN_TOKEN as string;

/** One claim with an Idempotency-Key, as the history checker records it (scripts/faults/intent.ts). */
export async function claimWithKey(
  dropId: string,
  s: Shopper,
  key: string,
): Promise<{ status: number; claimId?: string; code?: string }> {
  const res = await call(claimRoute, {
    params: { id: dropId },
    token: s.token,
    headers: { "idempotency-key": key },
  });
  return { status: res.status, claimId: res.body.claim?.id, code: res.body.error?.code };
}

/**
 * A drop that is live now (started a minute ago, ends in an hour) unless `input` says otherwise.
 * Without the proof of work (the API's default is "pow"): the tests' rehearsal shoppers are asked
 * for it on any drop that is not a rehearsal; the proof of work's own tests turn it on.
 */
export function dropInput(input: Partial<CreateDropInput> = {}): CreateDropInput {
  const now = Date.now();
  return {
    name: "Test drop",
    botDefence: "off",
    priceCents: 1999,
    totalStock: 10,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    ...input,
  };
}

/** Creates a drop through POST /api/admin/drops; every call is a new drop with a fresh id. */
export async function createDrop(input: Partial<CreateDropInput> = {}): Promise<Drop> {
  const res = await call(createDropRoute, {
    path: "/api/admin/drops",
    token: adminToken(),
    json: dropInput(input),
  });
  if (res.status !== 201 || !res.body.drop)
    throw new Error(`create drop answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.drop;
}

/**
 * Writes a drop straight through the data layer, past the API's schema: for the windows the API
 * refuses on purpose (an end that has already passed), which some edge cases need.
 */
export function createDropUnchecked(input: Partial<CreateDropInput> = {}): Promise<Drop> {
  const body = dropInput(input);
  return createDropRecord({
    id: newDropId(),
    input: {
      description: "",
      imageUrl: "",
      currency: "USD",
      maxPerShopper: 1,
      holdSeconds: 600,
      draft: false,
      listed: true,
      ...body,
    },
  });
}

/** The hot drop item as stored, read consistently. */
export function dropState(id: string) {
  return getDropState({ id, consistent: true });
}

/** Every claim stored for a drop, from gsi1 (`CLAIMS#<dropId>`). */
export const storedClaims = (dropId: string): Promise<Claim[]> => listDropClaims({ dropId });

/** Every item in the table, sorted by key, for before/after comparisons. */
export async function scanTable(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey: cursor }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  // Rate-limit counters (RATE#) are left out: counting a request, refused or not, is their job,
  // and they are the only thing a refused request writes (lib/security/rate-limit.ts).
  return items
    .filter((item) => !String(item.pk).startsWith("RATE#"))
    .sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
}

/** Counts of each value, e.g. of response statuses: `{ 201: 50, 409: 1250 }`. */
export function tally<T extends string | number>(values: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}
