import "server-only";
import { notFound } from "next/navigation";
import { brandOf, type Principal } from "@/lib/brand/principal";
import { getDrop } from "@/lib/drop/drops";
import { allows } from "@/lib/drop/phase-rules";
import { AppError } from "@/lib/errors";
import type { Drop } from "@/lib/schemas/drop";
import { dropIdSchema } from "@/lib/schemas/ids";

/** The drop an admin page is about, drafts included; an unknown id, or another brand's drop, is the 404 page. */
export async function loadAdminDrop(id: string, principal: Principal) {
  if (!dropIdSchema.safeParse(id).success) notFound();
  try {
    const drop = await getDrop({ id, includeDraft: true });
    const own = brandOf(principal);
    if (own !== undefined && drop.brandId !== own) notFound();
    return drop;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

/** Whether start, end, limit and hold may still change: the reschedule rule its write's condition reads. */
export const canReschedule = (drop: Drop, now = Date.now()): boolean => allows("reschedule", drop, now);
