import { listMembers } from "@/lib/brand/members";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore } from "@/lib/http/route";
import { brandParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** The brand's members (owner or operator). */
export const GET = adminRoute(
  brandParams,
  async (_req, { brandId }) =>
    Response.json({ members: await listMembers({ brandId }) }, { headers: noStore }),
  { role: "owner", wall: requireOwnBrand },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET");
