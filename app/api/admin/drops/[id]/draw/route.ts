import { drawNow } from "@/lib/entries/draw-now";
import { adminDropRoute, noStore } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/** "Draw now": runs the draw of a closed draw drop (409 DRAW_NOT_READY before it can) and offers its units. */
export const POST = adminDropRoute(
  async (_req, { id }) => Response.json(await drawNow(id, Date.now()), { headers: noStore }),
  { activity: ({ id }) => ({ action: "drop.draw", dropId: id }) },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
