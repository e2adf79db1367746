import { brandOf } from "@/lib/auth/principal";
import { createBrand, getBrand, listBrands } from "@/lib/brand/brands";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http";
import { createBrandInput } from "@/lib/schemas/brand";

/** Creates a brand (operator only): 201 `{brand}`, 409 SLUG_TAKEN for a slug already in use. */
export const POST = adminRoute(
  noParams,
  async (req) => {
    const input = await readJson(req, createBrandInput);
    return Response.json({ brand: await createBrand(input) }, { status: 201, headers: noStore });
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
