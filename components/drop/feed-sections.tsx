import { DropCard } from "@/components/drop/drop-card";
import { OlderDrops } from "@/components/drop/older-drops";
import type { FeedSection } from "@/lib/drop/feed";

/**
 * A list's sections of drop cards (live, upcoming…), on the home feed and a brand's storefront
 * alike; with `olderCursor`, "Past drops" ends with the button that loads older ones from `olderUrl`.
 */
export function FeedSections({
  sections,
  idPrefix,
  serverTime,
  olderUrl,
  olderCursor,
}: {
  sections: FeedSection[];
  /** Keeps the heading ids (and the feed's test ids) of each page apart. */
  idPrefix: "feed" | "brand";
  serverTime: string;
  /** The list's API (`/api/drops`, `/api/brands/{slug}`) and the first page's `nextCursor`. */
  olderUrl: string;
  olderCursor: string | null;
}) {
  return sections.map((section) => {
    const id = `${idPrefix}-${section.key}`;
    return (
      <section
        key={section.key}
        aria-labelledby={id}
        data-testid={idPrefix === "feed" ? id : undefined}
        className="space-y-4"
      >
        <h2 id={id} className="text-xl font-bold tracking-tight">
          {section.title}
        </h2>
        {section.drops.length > 0 && (
          <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {section.drops.map((drop) => (
              <DropCard key={drop.id} drop={drop} serverTime={serverTime} />
            ))}
          </div>
        )}
        {section.key === "past" && olderCursor && (
          <OlderDrops url={olderUrl} cursor={olderCursor} serverTime={serverTime} />
        )}
      </section>
    );
  });
}
