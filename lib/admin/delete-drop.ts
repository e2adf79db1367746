import "server-only";
import { deleteAttemptCounts } from "@/lib/attempts/counts";
import { deleteAutoReturns } from "@/lib/claim/audit";
import { listDropClaims } from "@/lib/claim/reads";
import { removeClaimsUnlessOrders } from "@/lib/claim/remove-claims";
import { deleteDraft, transitionDrop } from "@/lib/drop/admin-writes";
import { removeDropRecords } from "@/lib/drop/drops";
import { getDropState } from "@/lib/stock/reads";
import { removeRehearsalStock } from "@/lib/stock/remove";
import { AppError } from "@/lib/errors";

// Deleting a drop (DELETE /api/admin/drops/{id}): a draft (nothing can have sold), or a rehearsal
// drop (the race arena's, the race CLI's), which is ended first and then removed with its claims,
// so rehearsals do not pile up on the dashboard. A rehearsal with a checked-out unit is kept: an
// order is never deleted: the check reads the claims index, and each claim is then deleted on
// condition that it is still no order. Each room removes its own items; this file only orders them.

export async function deleteDrop({ id, now = Date.now() }: { id: string; now?: number }): Promise<void> {
  const state = await getDropState({ id, consistent: true });
  if (!state?.rehearsal || state.phase === "draft") return deleteDraft({ id, now }); // its own refusals
  if (state.phase !== "ended") {
    await transitionDrop({ id, now, action: "end" }).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === "DROP_ENDED")) throw err; // ended by its window
    });
  }
  const claims = await listDropClaims({ dropId: id });
  if (claims.some((c) => c.status === "confirmed"))
    throw new AppError("HAS_ORDERS", "A unit of this rehearsal was checked out; its orders are kept.");
  // The drop item first, on condition that it is a rehearsal's: a real drop is never removed.
  if (!(await removeRehearsalStock(id, state.stockShards))) throw new AppError("NOT_FOUND", "No such drop.");
  await removeDropRecords({ id });
  await Promise.all([deleteAutoReturns(id), deleteAttemptCounts(id), removeClaimsUnlessOrders(claims)]);
}
