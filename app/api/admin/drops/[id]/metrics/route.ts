import { getDropMetrics } from "@/lib/admin/metrics";
import { adminDropRoute, noStore } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/** The live view's one poll (every second): stock, counts by outcome, units per second. */
export const GET = adminDropRoute(async (_req, { id }) =>
  Response.json(await getDropMetrics({ id }), { headers: noStore }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
