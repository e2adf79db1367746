import type { Drop } from "@/lib/schemas/drop";

// The public feed's sections (app/page.tsx, a brand's storefront), from a page of drops as
// loadFeedPage returns it (lib/drop/feed-page.ts). Pure and browser-safe: it reads only the drops'
// status and times.

export type FeedSectionKey = "live" | "upcoming" | "soldOut" | "past";
export type FeedSection = { key: FeedSectionKey; title: string; drops: Drop[] };

/** Ended drops a page of the feed holds, the most recently ended first ("Older drops" for the next). */
export const PAST_DROPS_SHOWN = 12;

const time = (iso: string) => Date.parse(iso);

/**
 * "Live now" (live, then paused), "Coming up" (soonest start first), "Just sold out" (most recent
 * start first) and "Past drops" (the page's ended drops, most recently ended first), in that
 * order; empty sections are left out (but "Past drops" when `olderPast`: older ones can be loaded
 * there) and drafts never appear. Drops keep the input's order within a rank.
 */
export function feedSections(
  drops: readonly Drop[],
  { olderPast = false }: { olderPast?: boolean } = {},
): FeedSection[] {
  const of = (...statuses: Drop["status"][]) => drops.filter((d) => statuses.includes(d.status));
  const sections: FeedSection[] = [
    {
      key: "live",
      title: "Live now",
      drops: [...of("live"), ...of("paused")],
    },
    {
      key: "upcoming",
      title: "Coming up",
      drops: of("scheduled").sort((a, b) => time(a.startsAt) - time(b.startsAt)),
    },
    {
      key: "soldOut",
      title: "Just sold out",
      drops: of("sold_out").sort((a, b) => time(b.startsAt) - time(a.startsAt)),
    },
    {
      key: "past",
      title: "Past drops",
      drops: of("ended").sort((a, b) => time(b.endsAt) - time(a.endsAt)),
    },
  ];
  return sections.filter((s) => s.drops.length > 0 || (s.key === "past" && olderPast));
}
