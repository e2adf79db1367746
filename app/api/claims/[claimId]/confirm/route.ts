import { checkOut } from "@/lib/claim/shopper";
import { noStore, readJson, shopperRoute } from "@/lib/http";
import { confirmClaimInput } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";

export const POST = shopperRoute(claimParams, async (req, { claimId, shopperId }) => {
  const buyer = await readJson(req, confirmClaimInput);
  const { claim, orderUrl } = await checkOut({
    claimId,
    shopperId,
    buyer,
    now: Date.now(),
    origin: new URL(req.url).origin,
  });
  // orderUrl: the private receipt link (works in any browser, reveals nothing without its key).
  return Response.json({ claim, orderUrl }, { headers: noStore });
});
