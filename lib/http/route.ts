import { z } from "@/lib/schemas/zod";
import { requireAdmin, type AdminCaller } from "@/lib/auth/admin";
import { requireShopper, type ShopperIdentity } from "@/lib/auth/shopper";
import { actorOf, brandOf, requireRole, type Principal } from "@/lib/brand/principal";
import { LoggedError, noteActivity, type ActivityNote } from "@/lib/brand/activity";
import { requireOwnDrop } from "@/lib/auth/wall";
import { clientAddress } from "@/lib/security/client-address";
import type { Role } from "@/lib/schemas/brand";
import { dropParams, orderParams } from "@/lib/schemas/ids";
import { AppError, toResponse } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

/** What a request did, for brands' activity logs: recorded by the wrapper once the answer is a 2xx. */
export type Log = (...notes: ActivityNote[]) => void;

type Handler<P> = (req: Request, ctx: { params: P; log: Log }) => Promise<Response>;

/**
 * Owns the try/catch for every route handler: errors become the documented JSON error body. The one
 * writer of brands' activity logs, each event with the request's address: what the handler logged,
 * once it answered 2xx, and what a LoggedError carries (a failed sign-in).
 */
export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    const done: ActivityNote[] = [];
    // Next.js aborts a request's signal once its client has gone: an overloaded server's backlog
    // then drains without doing work nobody will read (a join whose shopper gave up takes no place).
    if (req.signal.aborted) return toResponse(new AppError("CLIENT_GONE", "The client closed the request."));
    try {
      const res = await handler(req, { params: await ctx.params, log: (...notes) => done.push(...notes) });
      if (res.ok) await record(req, done);
      return res;
    } catch (err) {
      if (err instanceof LoggedError) await record(req, err.notes);
      return toResponse(err);
    }
  };
}

async function record(req: Request, notes: ActivityNote[]): Promise<void> {
  if (notes.length === 0) return;
  const address = clientAddress(req);
  await Promise.all(notes.map((note) => noteActivity({ ...note, address })));
}

/** For routes without dynamic segments. */
export const noParams = z.object({}).catch({}); // Next passes no params object here

/**
 * The role-aware wrappers every handler goes through: the caller is authenticated first (401
 * before 404, so nothing leaks to strangers), then the route params are parsed.
 */
export function publicRoute<P>(
  params: z.ZodType<P>,
  handler: (req: Request, ctx: P & { log: Log }) => Promise<Response>,
) {
  return route<unknown>(async (req, { params: raw, log }) =>
    handler(req, { ...parseParams(raw, params), log }),
  );
}

export type AdminOptions<P> = {
  /** The least role the route needs; by default a viewer may read (GET, HEAD) and a manager write. */
  role?: Role | "operator";
  /**
   * The brand wall, run before the role check: a stranger gets 404, never 403. It answers the brand
   * the request acts in (for the activity log).
   */
  wall?: (principal: Principal, params: P) => Promise<string | undefined> | string | undefined;
  /**
   * What a successful request did, for the brand's activity log (lib/brand/activity.ts), in the
   * brand the wall answered, by the caller. A handler whose event needs its result logs it itself.
   */
  activity?: (params: P) => { action: string; dropId?: string; detail?: string };
};

/**
 * Admin routes: the Bearer ADMIN_TOKEN or a brand API token, or the session cookie from our own
 * origin, verified once here. The handler gets the caller as `principal` (the operator, a member or
 * a token) and, when it came with the cookie, its `session`.
 */
export function adminRoute<P>(
  params: z.ZodType<P>,
  handler: (req: Request, ctx: P & AdminCaller & { log: Log }) => Promise<Response>,
  options: AdminOptions<P> = {},
) {
  return route<unknown>(async (req, { params: raw, log }) => {
    const caller = await requireAdmin(req);
    const { principal } = caller;
    const parsed = parseParams(raw, params);
    const brandId = (await options.wall?.(principal, parsed)) ?? brandOf(principal);
    const reads = ["GET", "HEAD"].includes(req.method.toUpperCase());
    requireRole(principal, options.role ?? (reads ? "viewer" : "manager"));
    const res = await handler(req, { ...parsed, ...caller, log });
    if (options.activity && brandId !== undefined)
      log({ ...options.activity(parsed), brandId, actor: actorOf(principal) });
    return res;
  });
}

/** Admin routes on one drop (`/api/admin/drops/{id}/…`): another brand's drop is an unknown one. */
export function adminDropRoute(
  handler: (req: Request, ctx: { id: string; principal: Principal }) => Promise<Response>,
  options: Omit<AdminOptions<{ id: string }>, "wall"> = {},
) {
  const logged = options.activity !== undefined; // the operator's request then reads the drop's brand too
  return adminRoute(dropParams, handler, { ...options, wall: (p, { id }) => requireOwnDrop(p, id, logged) });
}

/** Admin routes on one order of a drop (`/api/admin/drops/{id}/orders/{claimId}/…`), behind the drop's wall. */
export function adminOrderRoute(
  handler: (
    req: Request,
    ctx: { id: string; claimId: string; principal: Principal; log: Log },
  ) => Promise<Response>,
  options: Omit<AdminOptions<{ id: string; claimId: string }>, "wall"> = {},
) {
  const logged = options.activity !== undefined;
  return adminRoute(orderParams, handler, { ...options, wall: (p, { id }) => requireOwnDrop(p, id, logged) });
}

/**
 * Shopper routes: the shopper id, and whether it is a rehearsal shopper (lib/auth/shopper.ts),
 * come from the signed Bearer token only.
 */
export function shopperRoute<P>(
  params: z.ZodType<P>,
  handler: (req: Request, ctx: P & ShopperIdentity) => Promise<Response>,
) {
  return route<unknown>(async (req, { params: raw }) => {
    const shopper = requireShopper(req);
    return handler(req, { ...parseParams(raw, params), ...shopper });
  });
}

/** Parses route params; a malformed id is simply an unknown one. */
function parseParams<T>(params: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such resource.");
  return parsed.data;
}

/** Reads a JSON body of at most 64 KB. An empty body parses as `{}` so `{}`-or-nothing routes agree. */
export async function readJson<T>(req: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await readBody(req);
  if (text.trim() !== "") {
    const type = req.headers.get("content-type") ?? "";
    // application/json or a +json type, with parameters after ";" only (not json-seq and the like).
    if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
    }
  }
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError("INVALID_REQUEST", "The request body is not valid JSON.");
    }
  }
  return schema.parse(data);
}

/** The raw body, at most MAX_BODY_BYTES (a signed webhook is verified on the exact bytes). */
export async function readBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function tooLarge() {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
}

export const noStore = { "Cache-Control": "no-store" } as const;
