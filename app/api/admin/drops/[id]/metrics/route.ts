import { getDropMetrics } from "@/lib/admin/metrics";
import { adminRoute, noStore } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

/** The live view's one poll (every second): stock, counts by outcome, units per second. */
export const GET = adminRoute(dropParams, async (_req, { id }) =>
  Response.json(await getDropMetrics({ id }), { headers: noStore }),
);
