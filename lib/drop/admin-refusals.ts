import "server-only";
import { getDropState } from "@/lib/stock/reads";
import { AppError, type ErrorCode } from "@/lib/errors";

// Why an admin write's condition failed, as a 409 whose code names the reason. The write itself
// (lib/drop/admin-writes.ts) decides; this only reads the item afresh to explain the refusal.

export type AdminAction = "restock" | "pause" | "resume" | "end" | "publish" | "reschedule" | "delete";

/** Names the reason a condition failed (the code says why), from a fresh read of the item. */
export async function whyRefused(id: string, now: number, action: AdminAction): Promise<AppError> {
  const state = await getDropState({ id, consistent: true });
  if (!state) return new AppError("NOT_FOUND", "No such drop.");
  const ended = state.phase === "ended" || now >= state.endsAt;
  const draft = state.phase === "draft";
  switch (action) {
    case "delete":
      return refused("NOT_DRAFT", "Only a draft can be deleted; end a published drop instead.");
    case "publish":
      if (!draft) return refused("NOT_DRAFT", "This drop is already published.");
      return refused("DROP_ENDED", "Its end time has passed; set new times before publishing.");
    case "pause":
    case "end":
      if (draft) return refused("DROP_IS_DRAFT", "This drop is a draft; publish it first.");
      if (ended || action === "end") return refused("DROP_ENDED", "This drop has ended.");
      return refused("ALREADY_PAUSED", "This drop is already paused.");
    case "resume":
      if (ended && !draft) return refused("DROP_ENDED", "This drop has ended.");
      return refused("NOT_PAUSED", "Only a paused drop can be resumed.");
    case "restock":
      if (ended) return refused("DROP_ENDED", "An ended drop cannot be restocked.");
      return refused(
        "STOCK_BELOW_SOLD",
        `Only ${Math.max(0, state.remainingStock)} unsold units can be removed.`,
      );
    case "reschedule":
      if (ended) return refused("DROP_ENDED", "This drop has ended.");
      return refused("DROP_STARTED", "Times, limit and hold length can only change before the drop starts.");
  }
}

const refused = (code: ErrorCode, message: string) => new AppError(code, message);
