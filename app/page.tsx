import { FeedSections } from "@/components/drop/feed-sections";
import { feedSections } from "@/lib/drop/feed";
import { loadFeedPage } from "@/lib/drop/feed-page";

export const dynamic = "force-dynamic";

/**
 * The feed's first page in its sections, and the server time it was read at (for the countdowns):
 * a bounded read of the feed's index, shared by every request within FEED_CACHE_MS.
 */
async function loadFeed() {
  const now = Date.now();
  const { drops, nextCursor } = await loadFeedPage({ now });
  const sections = feedSections(drops, { olderPast: nextCursor !== null });
  return { sections, nextCursor, serverTime: new Date(now).toISOString() };
}

export default async function HomePage() {
  const { sections, nextCursor, serverTime } = await loadFeed();
  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-3xl font-black tracking-tight">Drops</h1>
        <p className="text-zinc-600">Limited releases. When a unit is yours, it is yours alone.</p>
      </div>
      {sections.length === 0 ? (
        <div className="space-y-1 rounded-xl border border-dashed border-zinc-300 p-8 text-center">
          <p className="font-semibold text-zinc-700">Nothing on the shelves yet.</p>
          <p className="text-sm text-zinc-500">New drops show up here with a countdown. Check back soon.</p>
        </div>
      ) : (
        <FeedSections
          sections={sections}
          idPrefix="feed"
          serverTime={serverTime}
          olderUrl="/api/drops"
          olderCursor={nextCursor}
        />
      )}
    </section>
  );
}
