import { revokeApiToken } from "@/lib/brand/api-tokens";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore } from "@/lib/http/route";
import { brandTokenParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** Revokes a token (owner or operator): 204; it is refused from its next request on. */
export const DELETE = adminRoute(
  brandTokenParams,
  async (_req, { brandId, id }) => {
    await revokeApiToken({ brandId, id });
    return new Response(null, { status: 204, headers: noStore });
  },
  { role: "owner", wall: requireOwnBrand, activity: ({ id }) => ({ action: "apiToken.revoke", detail: id }) },
);

export const { GET, POST, PUT, PATCH, OPTIONS } = notAllowed("DELETE");
