import { listDrops } from "@/lib/drop/drops";
import { noStore, route } from "@/lib/http";

/** The public feed: published drops that are listed. An unlisted one is reached by its link only. */
export const GET = route(async () =>
  Response.json({ drops: await listDrops({ listedOnly: true }) }, { headers: noStore }),
);
