import { noStore, shopperRoute } from "@/lib/http/route";
import { challengeFor } from "@/lib/claim/challenge";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * An ALTCHA challenge (v1: algorithm, challenge, maxnumber, salt, signature) for this shopper's
 * next claim of this drop: bound to both, good for 120 s, and single-use. Its solution goes in
 * the claim's X-Altcha header.
 */
export const GET = shopperRoute(dropParams, async (_req, { id, shopperId }) =>
  Response.json(await challengeFor({ dropId: id, shopperId }), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
