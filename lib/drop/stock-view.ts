import "server-only";
import { getCachedDropState } from "@/lib/drop/cache";
import { dropStatus } from "@/lib/drop/status";
import { AppError } from "@/lib/errors";
import type { BotDefence, DropStatus, Stock } from "@/lib/schemas/drop";

/** The stock body every reader shows (the poll, and the page's first paint). */
export function stockOf(
  d: { id: string; remainingStock: number; totalStock: number; status: DropStatus; botDefence: BotDefence },
  now = Date.now(),
): Stock {
  return {
    dropId: d.id,
    remainingStock: Math.max(0, d.remainingStock),
    totalStock: d.totalStock,
    status: d.status,
    // Polled with the stock, so an open page learns at once that the drop now asks for proof.
    botDefence: d.botDefence,
    serverTime: new Date(now).toISOString(),
  };
}

/** A published drop's stock from the ≤ 1 s in-process cache. */
export async function getLiveStock({ id, now }: { id: string; now: number }): Promise<Stock> {
  const state = await getCachedDropState(id, now);
  if (!state || state.phase === "draft") throw new AppError("NOT_FOUND", "No such drop.");
  return stockOf({ ...state, status: dropStatus(state, now) }, now);
}
