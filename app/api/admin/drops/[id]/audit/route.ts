import { requireAdmin } from "@/lib/auth/admin";
import { auditDrop } from "@/lib/audit";
import { invalidateDropState } from "@/lib/drop-cache";
import { noStore, parseParams, route } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

/** Reconciles a drop and returns stranded units once no writer can still be in flight. */
export const POST = route<{ id: string }>(async (req, { params }) => {
  await requireAdmin(req);
  const { id } = parseParams(params, dropParams);
  const report = await auditDrop({ dropId: id });
  if (report.returned > 0) invalidateDropState(id);
  return Response.json({ report }, { headers: noStore });
});
