import "server-only";
import { brandOf, type Principal } from "@/lib/brand/principal";
import { requireBrandExists } from "@/lib/brand/brands";
import { getDropBrand } from "@/lib/drop/drops";
import { AppError } from "@/lib/errors";
import { HOUSE_BRAND, type Brand } from "@/lib/schemas/brand";

// The wall: a member or token of one brand reaches that brand, and its drops, only. Another brand's
// is the same 404 as one that does not exist, so nothing tells them apart. API routes ask it through
// adminRoute's `wall` (lib/http/route.ts), pages through lib/admin/pages.ts, which turns its 404
// into the 404 page.

/**
 * The wall's one rule: what belongs to brand `brandId` (undefined: it does not exist) is reached by
 * the operator, who sees every brand, and by that brand's own callers; anyone else gets a 404.
 */
export function requireOwn(p: Principal, brandId: string | undefined, what: "drop" | "brand"): void {
  const own = brandOf(p);
  if (own !== undefined && own !== brandId) throw new AppError("NOT_FOUND", `No such ${what}.`);
}

/**
 * A drop by id: one small read of the cold info item, on admin requests only; the operator skips it
 * (unless `needBrand`: the request goes to the activity log, which needs the drop's brand). Answers
 * the drop's brand where it was read.
 */
export async function requireOwnDrop(
  p: Principal,
  dropId: string,
  needBrand = false,
): Promise<string | undefined> {
  if (brandOf(p) === undefined) return needBrand ? getDropBrand({ id: dropId }) : undefined;
  const brandId = await getDropBrand({ id: dropId });
  requireOwn(p, brandId, "drop");
  return brandId;
}

/** A brand by id: another brand, or one that does not exist, is a 404. */
export async function ownBrand(p: Principal, brandId: string): Promise<Brand> {
  requireOwn(p, brandId, "brand");
  return requireBrandExists(brandId);
}

/** The wall of `/api/admin/brands/{brandId}/…` (adminRoute's `wall`): the brand the request acts in. */
export async function requireOwnBrand(p: Principal, { brandId }: { brandId: string }): Promise<string> {
  return (await ownBrand(p, brandId)).id;
}

/**
 * The brand a new drop belongs to: the caller's own. The operator may name any existing brand
 * (the house brand when none is named); a member or token naming another brand is refused.
 */
export async function brandForNewDrop(p: Principal, named: string | undefined): Promise<string> {
  const own = brandOf(p);
  if (own !== undefined) {
    if (named !== undefined && named !== own) {
      throw new AppError("FORBIDDEN", "A drop can only be created in your own brand.");
    }
    return own;
  }
  if (named === undefined || named === HOUSE_BRAND.id) return HOUSE_BRAND.id;
  await requireBrandExists(named);
  return named;
}
