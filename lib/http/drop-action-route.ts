import "server-only";
import type { z } from "zod";
import { getDrop } from "@/lib/drop/drops";
import { adminDropRoute, noStore, readJson } from "@/lib/http/route";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { idempotencyKeySchema } from "@/lib/schemas/ids";

/**
 * The admin's drop actions (publish, pause, resume, end, restock) as one route shape: admin only,
 * the body parsed by `body`, an optional Idempotency-Key, one conditional write, then the drop as
 * it now is (read consistently).
 */
export function dropActionRoute<B extends object>(
  /** What the brand's activity log calls it, e.g. "drop.pause". */
  action: string,
  write: (input: { id: string; writeId?: string } & B) => Promise<unknown>,
  body: z.ZodType<B> = emptyBody as unknown as z.ZodType<B>,
) {
  return adminDropRoute(
    async (req, { id }) => {
      const input = await readJson(req, body);
      // An Idempotency-Key makes the client's resend of this action a no-op (lib/drop/admin-writes.ts).
      const header = req.headers.get("idempotency-key");
      const writeId = header === null ? undefined : `${id}:${idempotencyKeySchema.parse(header)}`;
      await write({ ...input, id, writeId });
      return Response.json(
        { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
        { headers: noStore },
      );
    },
    { activity: ({ id }) => ({ action, dropId: id }) },
  );
}
