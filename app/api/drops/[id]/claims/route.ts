import { countClaimAttempt } from "@/lib/admin/attempt-counts";
import { claimUnit } from "@/lib/claim/claim-unit";
import { noStore, readJson, shopperRoute } from "@/lib/http";
import { claimRequestBody } from "@/lib/schemas/claim";
import { dropParams, idempotencyKeySchema } from "@/lib/schemas/ids";

/** 201 for a new unit, 200 when this is a replay of the shopper's earlier claim. */
export const POST = shopperRoute(dropParams, async (req, { id, shopperId }) => {
  const header = req.headers.get("idempotency-key");
  const idempotencyKey = header === null ? undefined : idempotencyKeySchema.parse(header);
  await readJson(req, claimRequestBody);
  // Counted in memory for the admin's live view (flushed once a second, never to the drop item).
  const { claim, replay } = await countClaimAttempt(id, () =>
    claimUnit({ dropId: id, shopperId, idempotencyKey }),
  );
  return Response.json({ claim }, { status: replay ? 200 : 201, headers: noStore });
});
