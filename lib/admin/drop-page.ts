import "server-only";
import { notFound } from "next/navigation";
import { brandOf, type Principal } from "@/lib/brand/principal";
import { getDrop } from "@/lib/drop/drops";
import { AppError } from "@/lib/errors";
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

/** Whether start, end, limit and hold may still change (lib/drop/admin-writes.ts's rescheduleDrop condition). */
export function canReschedule(drop: { status: string; startsAt: string }, now = Date.now()): boolean {
  return (
    drop.status === "draft" ||
    drop.status === "scheduled" ||
    (drop.status === "paused" && Date.parse(drop.startsAt) > now)
  );
}
