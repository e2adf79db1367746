import { adminOrGuest } from "@/lib/auth/admin";
import { issueShopperToken, rehearsalFor } from "@/lib/auth/shopper";
import { clientAddress } from "@/lib/security/client-address";
import { limits } from "@/lib/security/limits";
import { consume } from "@/lib/security/rate-limit";
import { noStore, readJson, route } from "@/lib/http/route";
import { createShopperInput } from "@/lib/schemas/claim";
import { notAllowed } from "@/lib/api-routes";

/**
 * Mints a guest shopper: each browser tab keeps its own token, which runs out after
 * SHOPPER_TOKEN_HOURS. Guests are counted per address (429 RATE_LIMITED past SHOPPER_MINT_LIMIT);
 * a manager's, an owner's or the operator's (the race arena, the race CLI, the bench) are rehearsal
 * shoppers, marked so in their token with their brand (the operator's: every brand): not counted,
 * and on their brand's rehearsal drops only, their claims skip the proof of work and the
 * per-address limits.
 */
export const POST = route(async (req) => {
  await readJson(req, createShopperInput);
  // Race staff only (a brand's manager or owner, or the operator); anyone else gets a guest.
  const rehearsal = rehearsalFor(await adminOrGuest(req));
  const address = clientAddress(req);
  if (address && !rehearsal) await consume(limits.mintShopper(), address);
  return Response.json(issueShopperToken({ rehearsal }), { status: 201, headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
