// The feed tests' tools: database calls and items counted at the app's one client, drops written
// straight through the data layer (hundreds of them, any window), and a list walked page by page.
import { createDrop, newDropId } from "@/lib/drop/drops";
import { db } from "@/lib/db/client";
import type { Drop } from "@/lib/schemas/drop";
import { dropInput, type Called } from "./helpers";

export type DbCount = {
  calls: number;
  items: number;
  byOp: Record<string, number>;
  /** Each Query's partition: its index and the first value it names, e.g. "gsi1 FEED". */
  queries: string[];
};

/** Runs `fn`, counting the database calls the app's client sends meanwhile and the items they return. */
export async function counting<T>(fn: () => Promise<T>): Promise<DbCount & { result: T }> {
  const seen: DbCount = { calls: 0, items: 0, byOp: {}, queries: [] };
  const name = `count-${Math.random().toString(36).slice(2)}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const o = out.output as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
      const op = String(context.commandName).replace(/Command$/, ""); // DynamoDB's name: Query, BatchGetItem
      seen.calls++;
      seen.byOp[op] = (seen.byOp[op] ?? 0) + 1;
      if (op === "Query") {
        const input = args.input as {
          IndexName?: string;
          ExpressionAttributeValues?: Record<string, unknown>;
        };
        const first = Object.values(input.ExpressionAttributeValues ?? {}).find((v) => typeof v === "string");
        seen.queries.push(`${input.IndexName ?? "table"} ${String(first)}`);
      }
      seen.items += (o.Items?.length ?? 0) + (o.Item ? 1 : 0);
      for (const items of Object.values(o.Responses ?? {})) seen.items += items.length;
      return out;
    },
    { step: "initialize", name },
  );
  try {
    const result = await fn();
    return { ...seen, result };
  } finally {
    db().middlewareStack.remove(name);
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A drop written through lib/drop (past ends allowed), with its feed entry as createDrop writes it. */
export function writeDrop({
  endsIn,
  lasts = 2 * HOUR,
  listed = true,
  draft = false,
  brandId,
  name = "Feed drop",
}: {
  /** From now; negative for a drop that has ended. */
  endsIn: number;
  lasts?: number;
  listed?: boolean;
  draft?: boolean;
  brandId?: string;
  name?: string;
}): Promise<Drop> {
  const now = Date.now();
  const input = dropInput({ name, startsAt: iso(now + endsIn - lasts), endsAt: iso(now + endsIn) });
  return createDrop({
    id: newDropId(),
    brandId,
    input: {
      description: "",
      imageUrl: "",
      currency: "USD",
      maxPerShopper: 1,
      holdSeconds: 600,
      ...input,
      name,
      draft,
      listed,
      botDefence: "off",
    },
  });
}

/** Writes drops `concurrency` at a time, in the order given. */
export async function writeDrops(
  specs: Parameters<typeof writeDrop>[0][],
  concurrency = 16,
): Promise<Drop[]> {
  const out: Drop[] = new Array(specs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < specs.length) {
        const i = next++;
        out[i] = await writeDrop(specs[i]!);
      }
    }),
  );
  return out;
}

/** Ended `i` days ago and some hours, for a distinct end each. */
export const endedDaysAgo = (i: number) => -(i * DAY + (i % 24) * HOUR + 60_000);

/** Every page of a list, following `nextCursor` from the first page to the last. */
export async function walkPages(page: (cursor?: string) => Promise<Called>): Promise<Called[]> {
  const pages: Called[] = [];
  let cursor: string | undefined;
  do {
    const res = await page(cursor);
    if (res.status !== 200) throw new Error(`a page answered ${res.status}: ${JSON.stringify(res.body)}`);
    pages.push(res);
    cursor = (res.body.nextCursor as string | null) ?? undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

/** The base64url cursor of a sort key, as the API makes it. */
export const cursorOf = (sortKey: string) => Buffer.from(sortKey).toString("base64url");
