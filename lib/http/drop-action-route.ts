import "server-only";
import type { z } from "zod";
import { transitionDrop } from "@/lib/drop/admin-writes";
import { getDrop } from "@/lib/drop/drops";
import type { Transition } from "@/lib/drop/phase-rules";
import { idempotencyKey } from "@/lib/http/request-headers";
import { adminDropRoute, noStore, readJson } from "@/lib/http/route";
import { emptyBody } from "@/lib/schemas/drop-admin";

/** What a drop's admin write answers: the drop's hot state as written. */
type Written = Awaited<ReturnType<typeof transitionDrop>>;

/**
 * The admin's drop actions (publish, pause, resume, end, restock) as one route shape: admin only,
 * the body parsed by `body`, an optional Idempotency-Key, one conditional write, then the drop as
 * the write answered it (only its catalogue item is read).
 */
export function dropActionRoute<B extends object>(
  /** What the brand's activity log calls it, e.g. "drop.pause". */
  action: string,
  write: (input: { id: string; writeId?: string } & B) => Promise<Written>,
  body: z.ZodType<B> = emptyBody as unknown as z.ZodType<B>,
) {
  return adminDropRoute(
    async (req, { id }) => {
      const input = await readJson(req, body);
      // An Idempotency-Key makes the client's resend of this action a no-op (lib/drop/hot-writes.ts).
      const key = idempotencyKey(req);
      const writeId = key === undefined ? undefined : `${id}:${key}`;
      const state = await write({ ...input, id, writeId });
      return Response.json(
        { drop: await getDrop({ id, includeDraft: true, consistent: true, state }) },
        { headers: noStore },
      );
    },
    { activity: ({ id }) => ({ action, dropId: id }) },
  );
}

/** A phase change (lib/drop/phase-rules.ts) as its route: logged as `drop.<action>`. */
export const transitionRoute = (action: Transition) =>
  dropActionRoute(`drop.${action}`, (input) => transitionDrop({ ...input, action }));
