import { refundOrder } from "@/lib/claim/refund-order";
import { adminOrderRoute, noStore, readJson } from "@/lib/http/route";
import { refundOrderInput } from "@/lib/schemas/claim";
import { notAllowed } from "@/lib/api-routes";

/**
 * Refunds one paid order in full, once however often it is sent (an owner or a manager); with
 * `restock`, its unit goes back on sale while the drop sells. Answers the order as it now stands.
 */
export const POST = adminOrderRoute(
  async (req, { id, claimId }) => {
    const { restock } = await readJson(req, refundOrderInput);
    const claim = await refundOrder({ dropId: id, claimId, restock, now: Date.now() });
    return Response.json({ claim }, { headers: noStore });
  },
  { activity: ({ id, claimId }) => ({ action: "order.refund", dropId: id, detail: claimId }) },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
