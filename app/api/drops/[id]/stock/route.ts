import { getCachedDropState } from "@/lib/drop-cache";
import { dropStatus } from "@/lib/drop-status";
import { AppError } from "@/lib/errors";
import { parseParams, route } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";
import type { Stock } from "@/lib/schemas/drop";

// Polled every second by every open drop page: served from the ≤ 1 s in-process cache, and
// cacheable by a CDN for a second so most polls never reach a function at all.
export const GET = route<{ id: string }>(async (_req, { params }) => {
  const { id } = parseParams(params, dropParams);
  const now = Date.now();
  const state = await getCachedDropState(id, now);
  if (!state || state.phase === "draft") throw new AppError("NOT_FOUND", "No such drop.");
  const body: Stock = {
    dropId: id,
    remainingStock: Math.max(0, state.remainingStock),
    totalStock: state.totalStock,
    status: dropStatus(state, now),
    serverTime: new Date(now).toISOString(),
  };
  return Response.json(body, {
    headers: { "Cache-Control": "public, max-age=0, s-maxage=1, stale-while-revalidate=5" },
  });
});
