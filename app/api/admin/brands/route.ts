import { actorOf, brandOf } from "@/lib/brand/principal";
import { noteActivity } from "@/lib/brand/activity";
import { clientAddress } from "@/lib/security/client-address";
import { createBrand, getBrand, listBrands } from "@/lib/brand/brands";
import { adminRoute, noParams, noStore, readJson } from "@/lib/http/route";
import { createBrandInput } from "@/lib/schemas/brand";
import { notAllowed } from "@/lib/api-routes";

/** Creates a brand (operator only): 201 `{brand}`, 409 SLUG_TAKEN for a slug already in use. */
export const POST = adminRoute(
  noParams,
  async (req, { principal }) => {
    const input = await readJson(req, createBrandInput);
    const brand = await createBrand(input);
    // The new brand's log starts with its creation (the wrapper's logging needs the brand first).
    await noteActivity({
      brandId: brand.id,
      action: "brand.create",
      actor: actorOf(principal),
      address: clientAddress(req),
    });
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
