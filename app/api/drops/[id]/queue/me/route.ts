import { myPlace } from "@/lib/queue/my-place";
import { noStore, shopperRoute } from "@/lib/http/route";
import { dropParams } from "@/lib/schemas/ids";
import { notAllowed } from "@/lib/api-routes";

/**
 * The shopper's place in the drop's line: status, exact position and how many wait in front, the
 * time to admission, and once admitted the pass for X-Queue-Pass. Writes nothing (lib/queue/my-place.ts).
 */
export const GET = shopperRoute(dropParams, async (_req, { id, shopperId }) =>
  Response.json(await myPlace({ dropId: id, shopperId }), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
