import { drawEntriesPage } from "@/lib/entries/published";
import { noStore, publicRoute } from "@/lib/http/route";
import { drawEntriesQuery } from "@/lib/schemas/entry";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The draw's entry ids in ascending order, 1,000 a page: `{entryIds, nextCursor}` (null on the last). */
export const GET = publicRoute(dropParams, async (req, { id }) => {
  const { cursor } = drawEntriesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { page, final } = await drawEntriesPage(id, cursor);
  // Once drawn the list never changes: a CDN may keep each page.
  return Response.json(page, {
    headers: final ? { "Cache-Control": "public, max-age=60, s-maxage=3600" } : noStore,
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
