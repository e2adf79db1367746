import { getLiveStock } from "@/lib/claim/live-state";
import { publicRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

// Polled every second by every open drop page: served from the ≤ 1 s in-process cache, and
// cacheable by a CDN for a second so most polls never reach a function at all.
export const GET = publicRoute(dropParams, async (_req, { id }) =>
  Response.json(await getLiveStock({ id, now: Date.now() }), {
    headers: { "Cache-Control": "public, max-age=0, s-maxage=1, stale-while-revalidate=5" },
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
