import { myPlace } from "@/lib/queue/my-place";
import { noStore, shopperRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { QUEUE_TICKET_HEADER } from "@/lib/schemas/queue";
import { notAllowed } from "@/lib/api-routes";

/**
 * The shopper's place in the drop's line: status, exact position and how many wait in front, the
 * time to admission, and once admitted the pass for X-Queue-Pass. Writes nothing; with the join's
 * signed ticket in X-Queue-Ticket, reads nothing of its own either (lib/queue/my-place.ts).
 */
export const GET = shopperRoute(dropParams, async (req, { id, shopperId }) =>
  Response.json(await myPlace({ dropId: id, shopperId, ticket: req.headers.get(QUEUE_TICKET_HEADER) }), {
    headers: noStore,
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
