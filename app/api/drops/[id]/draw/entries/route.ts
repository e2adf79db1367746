import { drawEntriesPage } from "@/lib/entries/published";
import { noStore, publicRoute } from "@/lib/http/route";
import { drawEntriesQuery } from "@/lib/schemas/entry";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The draw's entry ids in ascending order, 1,000 a page: `{entryIds, nextCursor}` (null on the last). */
export const GET = publicRoute(dropParams, async (req, { id }) => {
  const { cursor } = drawEntriesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await drawEntriesPage(id, cursor), { headers: noStore });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
