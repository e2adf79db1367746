import "server-only";
import { getBrandBySlug } from "@/lib/brand/brands";
import { loadFeedPage } from "@/lib/drop/feed-page";
import { AppError } from "@/lib/errors";
import type { Brand } from "@/lib/schemas/brand";
import type { FeedPage } from "@/lib/schemas/drop";

/**
 * A brand's storefront: the brand and a page of its public drops (listed, not drafts), as the
 * public feed pages them (lib/drop/feed-page.ts): `cursor` for older ended ones; 404 for an unknown slug.
 */
export async function loadStorefront({
  slug,
  cursor,
  now = Date.now(),
}: {
  slug: string;
  cursor?: string;
  now?: number;
}): Promise<{ brand: Brand } & FeedPage> {
  const brand = await getBrandBySlug({ slug });
  if (!brand) throw new AppError("NOT_FOUND", "No such brand.");
  return { brand, ...(await loadFeedPage({ brandId: brand.id, cursor, now })) };
}
