import { madeByOf, requirePerson } from "@/lib/brand/principal";
import { createApiToken, listApiTokens } from "@/lib/brand/api-tokens";
import { requireOwnBrand } from "@/lib/auth/wall";
import { adminRoute, noStore, readJson } from "@/lib/http/route";
import { apiTokenInput, brandParams } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** A new API token for the brand (owner or operator): 201 `{id, token}`, the token shown this once. */
export const POST = adminRoute(
  brandParams,
  async (req, { brandId, principal }) => {
    requirePerson(principal);
    const { name, role } = await readJson(req, apiTokenInput);
    return Response.json(await createApiToken({ brandId, name, role, createdBy: madeByOf(principal) }), {
      status: 201,
      headers: noStore,
    });
  },
  { role: "owner", wall: requireOwnBrand, activity: () => ({ action: "apiToken.create" }) },
);

/** The brand's tokens without their secrets: name, role, created, last used, revoked. */
export const GET = adminRoute(
  brandParams,
  async (_req, { brandId }) =>
    Response.json({ tokens: await listApiTokens({ brandId }) }, { headers: noStore }),
  { role: "owner", wall: requireOwnBrand },
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
