import "server-only";
import type { z } from "zod";
import { getDrop } from "@/lib/drop/drops";
import { adminRoute, noStore, readJson } from "@/lib/http";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";

/**
 * The admin's drop actions (publish, pause, resume, end, restock) as one route shape: admin only,
 * the body parsed by `body`, one conditional write, then the drop as it now is (read consistently).
 */
export function dropActionRoute<B extends object>(
  write: (input: { id: string } & B) => Promise<unknown>,
  body: z.ZodType<B> = emptyBody as unknown as z.ZodType<B>,
) {
  return adminRoute(dropParams, async (req, { id }) => {
    const input = await readJson(req, body);
    await write({ ...input, id });
    return Response.json(
      { drop: await getDrop({ id, includeDraft: true, consistent: true }) },
      { headers: noStore },
    );
  });
}
