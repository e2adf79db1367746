import { countAttempt, countClaimAttempt } from "@/lib/attempts/counts";
import type { ShopperIdentity } from "@/lib/auth/shopper";
import { claimUnit } from "@/lib/claim/claim-unit";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { withServerTiming } from "@/lib/server-timing";
import { limitGuest } from "@/lib/security/limits";
import { POW_HEADER } from "@/lib/security/pow";
import { claimRequestBody } from "@/lib/schemas/claim";
import { dropParams, idempotencyKeySchema } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * 201 for a new unit, 200 when this is a replay of the shopper's earlier claim. A guest's claim
 * that could sell counts against its address's CLAIM_LIMIT and, on a "pow" drop, carries a solved
 * challenge in X-Altcha; a rehearsal shopper's does neither (lib/claim/claim-unit.ts).
 */
export const POST = shopperRoute(dropParams, async (req, ctx) =>
  // Rehearsal shoppers (the race CLI's, the arena's) are told where their claim's time went
  // (on their brand's rehearsal drops only: lib/claim/claim-unit.ts withholds it on others).
  withServerTiming(ctx.rehearsal !== undefined, () => claimOne(req, ctx)),
);

async function claimOne(req: Request, { id, shopperId, rehearsal }: { id: string } & ShopperIdentity) {
  const header = req.headers.get("idempotency-key");
  const idempotencyKey = header === null ? undefined : idempotencyKeySchema.parse(header);
  await readJson(req, claimRequestBody);
  // Counted in memory for the admin's live view (flushed once a second, never to the drop item).
  const { claim, replay } = await countClaimAttempt(id, () =>
    claimUnit({
      dropId: id,
      shopperId,
      idempotencyKey,
      proof: {
        header: req.headers.get(POW_HEADER),
        rehearsal,
        limit: () => limitGuest(req, "claim"),
        onSolved: () => countAttempt(id, "SOLVED"),
      },
    }),
  );
  return Response.json({ claim }, { status: replay ? 200 : 201, headers: noStore });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
