import { loadStorefront } from "@/lib/brand/storefront";
import { noStore, publicRoute } from "@/lib/http";
import { brandSlugParams } from "@/lib/schemas/brand";

/** A brand's public drops: `{brand, drops}`. */
export const GET = publicRoute(brandSlugParams, async (_req, { slug }) =>
  Response.json(await loadStorefront({ slug }), { headers: noStore }),
);
