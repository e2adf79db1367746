import { giveBack } from "@/lib/claim/shopper-actions";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { claimRequestBody } from "@/lib/schemas/claim";
import { claimParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

export const POST = shopperRoute(claimParams, async (req, { claimId, shopperId }) => {
  await readJson(req, claimRequestBody);
  const claim = await giveBack({ claimId, shopperId, now: Date.now() });
  return Response.json({ claim }, { headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
