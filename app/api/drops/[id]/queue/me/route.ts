import { myPlace } from "@/lib/queue/my-place";
import { noStore, shopperRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { QUEUE_TICKET_HEADER } from "@/lib/schemas/queue";
import { notAllowed } from "@/lib/api-routes";

// The room's routes get a Vercel function of their own (Vercel bundles routes apart when their
// config differs): a wave of joins and polls scales its own instances and never queues the claims of
// shoppers already let in. 30 s, no other route's, leaves room for a cold instance's first read of a
// long line (2.7 s for 100,000 tickets).
export const maxDuration = 30;

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
