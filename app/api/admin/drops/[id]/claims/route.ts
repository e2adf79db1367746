import { claimsCsv, pageDropClaims } from "@/lib/admin/claims-page";
import { getDropState } from "@/lib/stock/reads";
import { AppError } from "@/lib/errors";
import { adminDropRoute, noStore } from "@/lib/http/route";
import { claimsQuery } from "@/lib/schemas/drop-admin";
import { notAllowed } from "@/lib/api-routes";

/**
 * A page of the drop's claims, oldest first (`{claims, nextCursor}`), or all of them as CSV; a
 * viewer gets the buyers masked (lib/admin/buyer-privacy.ts).
 */
export const GET = adminDropRoute(async (req, { id, principal }) => {
  const query = claimsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  if (!(await getDropState({ id }))) throw new AppError("NOT_FOUND", "No such drop.");
  if (query.format === "csv") {
    return new Response(claimsCsv(id, principal), {
      headers: {
        ...noStore,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="claims-${id}.csv"`,
      },
    });
  }
  const page = await pageDropClaims({ dropId: id, cursor: query.cursor, limit: query.limit, principal });
  return Response.json(page, { headers: noStore });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
