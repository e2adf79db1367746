import { joinQueue } from "@/lib/queue/join";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { limitGuest } from "@/lib/security/limits";
import { POW_HEADER } from "@/lib/security/pow";
import { emptyBody } from "@/lib/schemas/drop-admin";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

// The room's routes get a Vercel function of their own (Vercel bundles routes apart when their
// config differs): a wave of joins and polls scales its own instances and never queues the claims of
// shoppers already let in. 30 s, no other route's, leaves room for a cold instance's first read of a
// long line (2.7 s for 100,000 tickets).
export const maxDuration = 30;

/**
 * Joins a drop's waiting room: 201 `{ticket}` for a new ticket, 200 with the same ticket again. A
 * guest's join counts against its address's QUEUE_JOIN_LIMIT and, on a "pow" drop, carries a solved
 * challenge in X-Altcha, as a claim does (lib/queue/join.ts). One small Put, off the drop's partition.
 */
export const POST = shopperRoute(dropParams, async (req, { id, shopperId, rehearsal }) => {
  await readJson(req, emptyBody); // nothing, or {}
  const { ticket, created } = await joinQueue({
    dropId: id,
    shopperId,
    proof: { header: req.headers.get(POW_HEADER), rehearsal, limit: () => limitGuest(req, "queueJoin") },
  });
  return Response.json({ ticket }, { status: created ? 201 : 200, headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
