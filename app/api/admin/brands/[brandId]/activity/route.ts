import { pageActivity } from "@/lib/brand/activity";
import { requireOwnBrand, requireOwnDrop } from "@/lib/auth/wall";
import { AppError } from "@/lib/errors";
import { adminRoute, noStore } from "@/lib/http/route";
import { activityQuery, brandParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/**
 * A page of the brand's activity, newest first (`{events, nextCursor}`); `dropId=` for one drop's.
 * Addresses for an owner or the operator only.
 */
export const GET = adminRoute(
  brandParams,
  async (req, { brandId, principal }) => {
    const query = activityQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    if (query.dropId !== undefined && (await requireOwnDrop(principal, query.dropId, true)) !== brandId) {
      throw new AppError("NOT_FOUND", "No such drop.");
    }
    return Response.json(await pageActivity({ brandId, ...query, principal }), { headers: noStore });
  },
  { wall: requireOwnBrand },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
