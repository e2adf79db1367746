import { auditDrop } from "@/lib/claim/audit";
import { adminRoute, noStore } from "@/lib/http";
import { dropParams } from "@/lib/schemas/ids";

/** Reconciles a drop and returns stranded units once no writer can still be in flight. */
export const POST = adminRoute(dropParams, async (_req, { id }) =>
  Response.json({ report: await auditDrop({ dropId: id }) }, { headers: noStore }),
);
