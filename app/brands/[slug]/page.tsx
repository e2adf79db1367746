import { notFound } from "next/navigation";
import { FeedSections } from "@/components/drop/feed-sections";
import { loadStorefront } from "@/lib/brand/storefront";
import { feedSections } from "@/lib/drop/feed";
import { AppError } from "@/lib/errors";
import { brandSlugSchema } from "@/lib/schemas/brand";

export const dynamic = "force-dynamic";

async function load(slug: string) {
  if (!brandSlugSchema.safeParse(slug).success) notFound();
  const now = Date.now();
  try {
    const { brand, drops, nextCursor } = await loadStorefront({ slug, now });
    const sections = feedSections(drops, { olderPast: nextCursor !== null });
    return { brand, sections, nextCursor, serverTime: new Date(now).toISOString() };
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

/** A brand's storefront: its listed drops, in the home page's sections, paged alike. */
export default async function BrandPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { brand, sections, nextCursor, serverTime } = await load(slug);
  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-3xl font-black tracking-tight">{brand.name}</h1>
        <p className="text-zinc-600">Drops by {brand.name} on DropRush.</p>
      </div>
      {sections.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600">
          No drops from {brand.name} yet.
        </p>
      ) : (
        <FeedSections
          sections={sections}
          idPrefix="brand"
          serverTime={serverTime}
          olderUrl={`/api/brands/${slug}`}
          olderCursor={nextCursor}
        />
      )}
    </section>
  );
}
