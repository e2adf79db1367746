import "server-only";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { brandOf, can, type Principal } from "@/lib/brand/principal";
import { getBrand } from "@/lib/brand/brands";
import { brandIdSchema } from "@/lib/schemas/brand";

/**
 * The brand a `/admin/brands/{brandId}/…` page is about: another brand's, or one that does not
 * exist, is the 404 page (the API's wall answers the same).
 */
export async function loadAdminBrand(brandId: string, principal: Principal) {
  if (!brandIdSchema.safeParse(brandId).success) notFound();
  const own = brandOf(principal);
  if (own !== undefined && own !== brandId) notFound();
  const brand = await getBrand({ id: brandId });
  if (!brand) notFound();
  return brand;
}

/**
 * The start of a brand's owner-only page (`/admin/brands/{brandId}/{section}`): who asks, the brand,
 * and whether they may use the page (a manager or viewer gets the read-only notice instead).
 */
export async function loadOwnerBrandPage(brandId: string, section: "members" | "tokens") {
  const principal = await requireAdminPage(`/admin/brands/${brandId}/${section}`);
  const brand = await loadAdminBrand(brandId, principal);
  return { principal, brand, owner: can(principal, "owner") };
}
