import { adminDropRoute, noStore } from "@/lib/http/route";
import { queueStats } from "@/lib/queue/stats";
import { notAllowed } from "@/lib/api-routes";

/** The waiting room for the live view: joined, waiting, admitted, passes used and unused, the rate. */
export const GET = adminDropRoute(async (_req, { id }) =>
  Response.json(await queueStats(id), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
