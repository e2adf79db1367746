import { myEntry } from "@/lib/entries/published";
import { noStore, shopperRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The shopper's entry and receipt; once drawn, `result` ("won" with its `claim`, "waitlist", "lost"). */
export const GET = shopperRoute(dropParams, async (_req, { id, shopperId }) =>
  Response.json(await myEntry(id, shopperId), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
