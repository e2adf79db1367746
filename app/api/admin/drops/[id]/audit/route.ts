import { auditDrop } from "@/lib/claim/audit";
import { adminDropRoute, noStore } from "@/lib/http/route";
import { notAllowed } from "@/lib/api-routes";

/** Reconciles a drop and returns stranded units once no writer can still be in flight. */
export const POST = adminDropRoute(
  async (_req, { id }) => Response.json({ report: await auditDrop({ dropId: id }) }, { headers: noStore }),
  { activity: ({ id }) => ({ action: "drop.audit", dropId: id }) },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed("POST");
