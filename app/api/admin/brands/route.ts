import { actorOf, brandOf } from "@/lib/brand/principal";
import { createBrand, getBrand, listBrands } from "@/lib/brand/brands";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http/route";
import { createBrandInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** Creates a brand (operator only): 201 `{brand}`, 409 SLUG_TAKEN for a slug already in use. */
export const POST = adminRoute(
  noParams,
  async (req, { principal, log }) => {
    const brand = await createBrand(await readJson(req, createBrandInput));
    // The new brand's log starts with its creation (known once the brand is made).
    log({ brandId: brand.id, action: "brand.create", actor: actorOf(principal) });
    return Response.json({ brand }, { status: 201, headers: noStore });
  },
  { role: "operator" },
);

/** Every brand for the operator; a member or token sees its own brand only. */
export const GET = adminRoute(noParams, async (_req, { principal }) => {
  const own = brandOf(principal);
  const brands =
    own === undefined ? await listBrands() : [await getBrand({ id: own })].flatMap((b) => (b ? [b] : []));
  return Response.json({ brands }, { headers: noStore });
});

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed("GET", "POST");
