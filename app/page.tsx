import { DropCard } from "@/components/drop/drop-card";
import { listDrops } from "@/lib/drop/drops";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const drops = await listDrops();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-3xl font-black tracking-tight">Drops</h1>
        <p className="text-zinc-600">Limited releases. When a unit is yours, it is yours alone.</p>
      </div>
      {drops.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-zinc-500">
          No drops yet.
        </p>
      ) : (
        <div className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {drops.map((drop) => (
            <DropCard key={drop.id} drop={drop} />
          ))}
        </div>
      )}
    </section>
  );
}
