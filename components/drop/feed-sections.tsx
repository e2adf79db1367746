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
  return (
    // A short section takes only the columns its cards need, so short sections share a row (the seeded
    // feed's three single cards side by side at 1280 px) and a long one fills the width.
    <div className="grid gap-x-6 gap-y-8 sm:grid-cols-2 lg:grid-cols-3">
      {sections.map((section) => {
        const id = `${idPrefix}-${section.key}`;
        const grows = section.key === "past" && olderCursor !== null; // "Older drops" appends cards
        const n = grows ? 3 : section.drops.length;
        return (
          <section
            key={section.key}
            aria-labelledby={id}
            data-testid={idPrefix === "feed" ? id : undefined}
            className={`space-y-4 ${spans[Math.min(n, 3)]}`}
          >
            <h2 id={id} className="text-xl font-bold tracking-tight">
              {section.title}
            </h2>
            {section.drops.length > 0 && (
              <div className={`grid gap-6 ${columns[Math.min(n, 3)]}`}>
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
      })}
    </div>
  );
}

// By the number of cards (0–3+): the columns of the page a section spans, and its own card grid.
const spans = ["", "", "sm:col-span-2 lg:col-span-2", "col-span-full"];
const columns = ["", "", "sm:grid-cols-2", "sm:grid-cols-2 lg:grid-cols-3"];
