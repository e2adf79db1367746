import { feedCacheHeaders, loadFeedPage } from "@/lib/drop/feed-page";
import { route } from "@/lib/http/route";
import { feedQuery } from "@/lib/schemas/drop";
import { notAllowed } from "@/lib/api-routes";

/**
 * The public feed: listed, published drops, `{drops, nextCursor}`: the open ones and the latest
 * ended; `?cursor=` (a `nextCursor`) for older ended ones. An unlisted drop is reached by its link only.
 */
export const GET = route(async (req) => {
  const { cursor } = feedQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await loadFeedPage({ cursor }), { headers: feedCacheHeaders(cursor) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
