import { countAttempt, countClaimAttempt } from "@/lib/attempts/counts";
import { claimUnit } from "@/lib/claim/claim-unit";
import { knownStock } from "@/lib/claim/live-state";
import { idempotencyKey } from "@/lib/http/request-headers";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { withServerTiming } from "@/lib/server-timing";
import { limitGuest } from "@/lib/security/limits";
import { POW_HEADER } from "@/lib/security/pow";
import { claimRequestBody } from "@/lib/schemas/claim";
import { QUEUE_PASS_HEADER } from "@/lib/schemas/queue";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * 201 for a new unit, 200 when this is a replay of the shopper's earlier claim, each with the stock
 * as this server knows it after the claim. A guest's claim that could sell counts against its
 * address's CLAIM_LIMIT and, on a "pow" drop, carries a solved challenge in X-Altcha; a rehearsal
 * shopper's does neither (lib/claim/claim-unit.ts). On a drop with a waiting room it carries its
 * pass in X-Queue-Pass: 428 QUEUE_REQUIRED without, 403 QUEUE_PASS_INVALID for one not its own or
 * expired, nothing written either way. Rehearsal shoppers are told where their claim's time went
 * (their brand's rehearsal drops only).
 */
export const POST = shopperRoute(dropParams, async (req, { id, shopperId, rehearsal }) =>
  withServerTiming(rehearsal !== undefined, async () => {
    const key = idempotencyKey(req);
    await readJson(req, claimRequestBody);
    // Counted in memory for the admin's live view (flushed once a second, never to the drop item).
    const { claim, replay } = await countClaimAttempt(id, () =>
      claimUnit({
        dropId: id,
        shopperId,
        idempotencyKey: key,
        proof: {
          header: req.headers.get(POW_HEADER),
          rehearsal,
          limit: () => limitGuest(req, "claim"),
          onSolved: () => countAttempt(id, "SOLVED"),
          queuePass: req.headers.get(QUEUE_PASS_HEADER),
        },
      }),
    );
    return Response.json({ claim, stock: knownStock(id) }, { status: replay ? 200 : 201, headers: noStore });
  }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
