import { FeedSectionGrid } from "@/components/drop/feed-section";
import { listDrops } from "@/lib/drop/drops";
import { feedSections } from "@/lib/drop/feed";

export const dynamic = "force-dynamic";

/** The listed drops in their sections, and the server time they were read at (for the countdowns). */
async function loadFeed() {
  const now = Date.now();
  const sections = feedSections(await listDrops({ listedOnly: true, now }));
  return { sections, serverTime: new Date(now).toISOString() };
}

export default async function HomePage() {
  const { sections, serverTime } = await loadFeed();
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
        sections.map((section) => (
          <FeedSectionGrid key={section.key} section={section} idPrefix="feed" serverTime={serverTime} />
        ))
      )}
    </section>
  );
}
