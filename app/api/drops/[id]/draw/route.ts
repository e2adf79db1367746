import { publishedDraw } from "@/lib/entries/published";
import { publicRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The draw as published: the commitment from creation, the seed, hash and winners once drawn (docs/draws.md). */
export const GET = publicRoute(dropParams, async (_req, { id }) =>
  Response.json(await publishedDraw(id, Date.now()), {
    headers: { "Cache-Control": "public, max-age=0, s-maxage=2, stale-while-revalidate=5" },
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
