import "server-only";
import { brandOf, requireBrand, type Principal } from "@/lib/brand/principal";
import { getDropBrand } from "@/lib/drop/drops";
import { AppError } from "@/lib/errors";
import { requireBrandExists } from "@/lib/brand/brands";
import { HOUSE_BRAND } from "@/lib/schemas/brand";

/**
 * The wall: a member or token of one brand reaches that brand's drops only. Another brand's drop
 * gets the same 404 as an id that does not exist, so nothing tells them apart. One small read of
 * the cold info item, on admin requests only; the operator, who sees every drop, skips it (unless
 * the request goes to the activity log, which needs the drop's brand).
 */
export async function requireOwnDrop(
  p: Principal,
  dropId: string,
  needBrand = false,
): Promise<string | undefined> {
  const own = brandOf(p);
  if (own === undefined) return needBrand ? getDropBrand({ id: dropId }) : undefined;
  if ((await getDropBrand({ id: dropId })) !== own) throw new AppError("NOT_FOUND", "No such drop.");
  return own;
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

/** The wall of `/api/admin/brands/{brandId}/…`: another brand, or one that does not exist, is a 404. */
export async function requireOwnBrand(p: Principal, { brandId }: { brandId: string }): Promise<string> {
  requireBrand(p, brandId);
  await requireBrandExists(brandId);
  return brandId;
}
