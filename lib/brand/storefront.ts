import "server-only";
import { getBrandBySlug } from "@/lib/brand/brands";
import { listDrops } from "@/lib/drop/drops";
import { AppError } from "@/lib/errors";
import type { Brand } from "@/lib/schemas/brand";
import type { Drop } from "@/lib/schemas/drop";

/** A brand's storefront: the brand and its public drops (listed, not drafts), newest first; 404 for an unknown slug. */
export async function loadStorefront({ slug, now = Date.now() }: { slug: string; now?: number }): Promise<{
  brand: Brand;
  drops: Drop[];
}> {
  const brand = await getBrandBySlug({ slug });
  if (!brand) throw new AppError("NOT_FOUND", "No such brand.");
  return { brand, drops: await listDrops({ brandId: brand.id, listedOnly: true, now }) };
}
