import "server-only";
import { getDropStateReleasingExpired } from "@/lib/claim/holds";
import { getCachedDropState, peekDropState } from "@/lib/stock/cache";
import { dropStatus, type DropState } from "@/lib/stock/status";
import { AppError } from "@/lib/errors";
import type { BotDefence, DropStatus, Stock } from "@/lib/schemas/drop";

/**
 * A drop's state from the ≤ 1 s in-process cache (lib/stock/cache.ts). Its load returns the drop's
 * expired holds first, so whoever reads next never waits on the sweeper.
 */
export function getLiveState(id: string, now = Date.now()): Promise<DropState | undefined> {
  return getCachedDropState(id, now, (dropId, at) => getDropStateReleasingExpired({ id: dropId, now: at }));
}

/** The stock body every reader shows (the poll, and the page's first paint). */
export function stockOf(
  d: {
    id: string;
    remainingStock: number;
    totalStock: number;
    status: DropStatus;
    botDefence: BotDefence;
    /** Epoch ms (the drop's state) or ISO (the API's drop). */
    startsAt: number | string;
    endsAt: number | string;
  },
  now = Date.now(),
): Stock {
  return {
    dropId: d.id,
    remainingStock: Math.max(0, d.remainingStock),
    totalStock: d.totalStock,
    status: d.status,
    // Polled with the stock, so an open page learns at once that the drop now asks for proof.
    botDefence: d.botDefence,
    startsAt: new Date(d.startsAt).toISOString(),
    endsAt: new Date(d.endsAt).toISOString(),
    serverTime: new Date(now).toISOString(),
  };
}

/** A published drop's stock at `now`; none for a draft (or no state). */
const publishedStock = (state: DropState | undefined, now: number): Stock | undefined =>
  state && state.phase !== "draft" ? stockOf({ ...state, status: dropStatus(state, now) }, now) : undefined;

/** A published drop's stock from the ≤ 1 s in-process cache. */
export async function getLiveStock({ id, now }: { id: string; now: number }): Promise<Stock> {
  const stock = publishedStock(await getLiveState(id, now), now);
  if (!stock) throw new AppError("NOT_FOUND", "No such drop.");
  return stock;
}

/**
 * The stock as this server knows it now, with no read: what its next poll would say. A claim's
 * answer carries it, so a winner whose answer comes after the sell-out shows 0 left at once.
 */
export const knownStock = (id: string, now = Date.now()): Stock | undefined =>
  publishedStock(peekDropState(id), now);
