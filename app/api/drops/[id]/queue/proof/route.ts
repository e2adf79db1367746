import { queueProof } from "@/lib/queue/proof";
import { publicRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/** The pre-queue's commitment, then its revealed seed, randomness and order (lib/queue/proof.ts). */
export const GET = publicRoute(dropParams, async (_req, { id }) =>
  Response.json(await queueProof({ dropId: id }), {
    headers: { "Cache-Control": "public, s-maxage=2, stale-while-revalidate=5" },
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
