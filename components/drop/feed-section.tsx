import { DropCard } from "@/components/drop/drop-card";
import type { FeedSection } from "@/lib/drop/feed";

/** One section of drop cards (live, upcoming…), on the home feed and a brand's storefront alike. */
export function FeedSectionGrid({
  section,
  idPrefix,
  serverTime,
}: {
  section: FeedSection;
  /** Keeps the heading ids (and the feed's test ids) of each page apart. */
  idPrefix: "feed" | "brand";
  serverTime: string;
}) {
  const id = `${idPrefix}-${section.key}`;
  return (
    <section aria-labelledby={id} data-testid={idPrefix === "feed" ? id : undefined} className="space-y-4">
      <h2 id={id} className="text-xl font-bold tracking-tight">
        {section.title}
      </h2>
      <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
        {section.drops.map((drop) => (
          <DropCard key={drop.id} drop={drop} serverTime={serverTime} />
        ))}
      </div>
    </section>
  );
}
