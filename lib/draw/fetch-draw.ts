import type { ZodType } from "zod";
import { verifyDraw, type DrawVerdict } from "@/lib/draw/verify-draw";
import {
  drawDropSchema,
  drawEntriesPageSchema,
  drawKeySchema,
  drawSchema,
  type DrawDrop,
  type DrawKey,
  type PublishedDraw,
} from "@/lib/schemas/draw";
import { queueProofSchema, type QueueProof } from "@/lib/schemas/queue";

// A draw's published data read from any DropRush, with whatever `fetch` the caller has (Node's for
// `npm run verify-draw`, the browser's for the proof page), then checked with verifyDraw: one code
// path for both. A waiting room's queue proof is read the same way (fetchQueueProof). Browser-safe.

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** Where a draw is published: the deployment's base URL (no trailing slash needed) and the drop. */
export type DrawSource = { baseUrl: string; dropId: string; fetch: Fetch };

/** Paging stops here, well past 100,000 entries at any sane page size, rather than run forever. */
export const MAX_ENTRY_PAGES = 10_000;

/** A request that could not be made or was answered with an error; `status` 0 when none came. */
export class DrawFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "DrawFetchError";
  }
}

const enc = encodeURIComponent;
export const drawPaths = {
  drop: (dropId: string) => `/api/drops/${enc(dropId)}`,
  draw: (dropId: string) => `/api/drops/${enc(dropId)}/draw`,
  entries: (dropId: string, cursor?: string) =>
    `/api/drops/${enc(dropId)}/draw/entries${cursor === undefined ? "" : `?cursor=${enc(cursor)}`}`,
  key: "/api/draw-key",
  queueProof: (dropId: string) => `/api/drops/${enc(dropId)}/queue/proof`,
};

/** GET `path` on `baseUrl`, parsed with `schema`; every failure is a DrawFetchError naming the path. */
async function getJson<T>(
  { baseUrl, fetch }: Pick<DrawSource, "baseUrl" | "fetch">,
  path: string,
  schema: ZodType<T>,
): Promise<T> {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS error) is its cause.
    const cause = (err as Error).cause as { code?: string; message?: string } | undefined;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new DrawFetchError(`Could not reach ${url}: ${why}`, 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === "string" ? error.code : undefined;
    const said = typeof error?.message === "string" ? `: ${error.message}` : "";
    throw new DrawFetchError(
      `GET ${path} answered ${res.status}${code ? ` ${code}` : ""}${said}`,
      res.status,
      code,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new DrawFetchError(
      `GET ${path} answered something that is not what it publishes${where}: ${issue?.message ?? "not JSON"}`,
      res.status,
    );
  }
  return parsed.data;
}

/** The drop's units and close (GET /api/drops/{id}). */
export const fetchDrawDrop = async (source: DrawSource): Promise<DrawDrop> =>
  (await getJson(source, drawPaths.drop(source.dropId), drawDropSchema)).drop;

/**
 * GET /api/drops/{id}/draw. The server answers a first-come drop 409 NOT_A_DRAW; any other 404
 * says whether the drop is missing or publishes no draw.
 */
export async function fetchDraw(source: DrawSource): Promise<PublishedDraw> {
  try {
    return await getJson(source, drawPaths.draw(source.dropId), drawSchema);
  } catch (err) {
    if (err instanceof DrawFetchError && err.code === "NOT_A_DRAW")
      throw new DrawFetchError(
        `Drop ${source.dropId} is not a draw: it publishes no draw.`,
        err.status,
        err.code,
      );
    if (!(err instanceof DrawFetchError) || err.status !== 404) throw err;
    const dropStatus = await fetchDrawDrop(source).then(
      () => 200,
      (e: unknown) => (e instanceof DrawFetchError ? e.status : 0),
    );
    if (dropStatus === 404) throw new DrawFetchError(`There is no drop ${source.dropId}.`, 404, "NOT_FOUND");
    throw new DrawFetchError(`Drop ${source.dropId} is not a draw: it publishes no draw.`, 404, err.code);
  }
}

/**
 * GET /api/drops/{id}/queue/proof: a waiting room's pre-queue proof. The server answers a drop
 * without a waiting room 409 NO_WAITING_ROOM, and one that does not exist 404.
 */
export async function fetchQueueProof(source: DrawSource): Promise<QueueProof> {
  try {
    return await getJson(source, drawPaths.queueProof(source.dropId), queueProofSchema);
  } catch (err) {
    if (!(err instanceof DrawFetchError)) throw err;
    if (err.code === "NO_WAITING_ROOM")
      throw new DrawFetchError(
        `Drop ${source.dropId} has no waiting room: it publishes no queue proof.`,
        err.status,
        err.code,
      );
    if (err.status === 404 && err.code === "NOT_FOUND")
      throw new DrawFetchError(`There is no drop ${source.dropId}.`, 404, err.code);
    throw err;
  }
}

/** Every entry id, page by page; refuses a cursor the server repeats and stops at `maxPages`. */
export async function fetchEntryIds(source: DrawSource, maxPages = MAX_ENTRY_PAGES): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { entryIds, nextCursor } = await getJson(
      source,
      drawPaths.entries(source.dropId, cursor),
      drawEntriesPageSchema,
    );
    for (const id of entryIds) ids.push(id);
    if (nextCursor === null || nextCursor === undefined) return ids;
    if (seen.has(nextCursor))
      throw new DrawFetchError(`The entry list repeats the cursor "${nextCursor}": it never ends.`, 200);
    seen.add(nextCursor);
    cursor = nextCursor;
  }
  throw new DrawFetchError(`The entry list did not end after ${maxPages} pages.`, 200);
}

/** The key receipts are signed with (GET /api/draw-key). */
export const fetchDrawKey = (source: Pick<DrawSource, "baseUrl" | "fetch">): Promise<DrawKey> =>
  getJson(source, drawPaths.key, drawKeySchema);

/** A draw as read and checked: not drawn yet, or drawn with everything verifyDraw used and its verdict. */
export type DrawCheck =
  | { drawn: false; draw: PublishedDraw }
  | {
      drawn: true;
      draw: PublishedDraw;
      entryIds: string[];
      /** Units given out: the draw's `units`, else the drop's totalStock. */
      units: number;
      endsAt: string;
      verdict: DrawVerdict;
    };

/** Reads the draw, and once it is drawn, its entries and the drop, and recomputes it. */
export async function checkDraw(source: DrawSource): Promise<DrawCheck> {
  const draw = await fetchDraw(source);
  if (draw.status !== "drawn") return { drawn: false, draw };
  const [entryIds, drop] = await Promise.all([fetchEntryIds(source), fetchDrawDrop(source)]);
  const units = draw.units ?? drop.totalStock;
  const verdict = await verifyDraw({ draw, entryIds, totalStock: units, endsAt: drop.endsAt });
  return { drawn: true, draw, entryIds, units, endsAt: drop.endsAt, verdict };
}
