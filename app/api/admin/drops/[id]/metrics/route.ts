import { requireAdmin } from "@/lib/auth/admin";
import { getDropMetrics } from "@/lib/drop-metrics";
import { noStore, parseParams, route } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

/** The live view's one poll (every second): stock, counts by outcome, units per second. */
export const GET = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  return Response.json(await getDropMetrics({ id }), { headers: noStore });
});
