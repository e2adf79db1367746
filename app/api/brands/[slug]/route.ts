import { loadStorefront } from "@/lib/brand/storefront";
import { feedCacheHeaders } from "@/lib/drop/feed-page";
import { publicRoute } from "@/lib/http/route";
import { brandSlugParams } from "@/lib/schemas/brand";
import { feedQuery } from "@/lib/schemas/drop";
import { notAllowed } from "@/lib/api-routes";

/** A brand's public drops: `{brand, drops, nextCursor}`, paged like GET /api/drops (`?cursor=`). */
export const GET = publicRoute(brandSlugParams, async (req, { slug }) => {
  const { cursor } = feedQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await loadStorefront({ slug, cursor }), { headers: feedCacheHeaders(cursor) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
