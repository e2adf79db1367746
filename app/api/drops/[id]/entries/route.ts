import { countAttempt } from "@/lib/attempts/counts";
import { enterDraw } from "@/lib/entries/enter-draw";
import { noStore, readJson, shopperRoute } from "@/lib/http/route";
import { limitGuest } from "@/lib/security/limits";
import { POW_HEADER } from "@/lib/security/pow";
import { enterDrawInput } from "@/lib/schemas/entry";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * Enters a draw drop: 201 `{entry, receipt}` for a new entry, 200 with the same entry again. A
 * guest's entry counts against its address's CLAIM_LIMIT and, on a "pow" drop, carries a solved
 * challenge in X-Altcha, as a claim does (lib/entries/enter-draw.ts). With payments on and a price,
 * the body has the shopper's details and the answer is 202 `{payment}`: the card is authorised first,
 * and the entry follows (GET …/entries/me).
 */
export const POST = shopperRoute(dropParams, async (req, { id, shopperId, rehearsal }) => {
  const body = await readJson(req, enterDrawInput);
  const answer = await enterDraw({
    dropId: id,
    shopperId,
    proof: { header: req.headers.get(POW_HEADER), rehearsal, limit: () => limitGuest(req, "claim") },
    ...(body.name && body.email && body.shippingAddress
      ? { buyer: { name: body.name, email: body.email, shippingAddress: body.shippingAddress } }
      : {}),
  });
  if (answer.payment) return Response.json({ payment: answer.payment }, { status: 202, headers: noStore });
  const { created, ...entered } = answer;
  // Counted in memory for the admin's entries over time (flushed once a second, as claims are).
  if (created) countAttempt(id, "ENTERED");
  return Response.json(entered, { status: created ? 201 : 200, headers: noStore });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
