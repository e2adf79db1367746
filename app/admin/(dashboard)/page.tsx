import type { Metadata } from "next";
import Link from "next/link";
import { ActivityLog } from "@/components/admin/activity-log";
import { DropsTable } from "@/components/admin/drops-table";
import { soldOutAfterMs } from "@/lib/admin/claims-page";
import { requireAdminPage } from "@/lib/admin/pages";
import { brandOf } from "@/lib/brand/principal";
import { listDrops } from "@/lib/drop/drops";
import { loadActivity } from "@/lib/admin/activity-names";
import { identityOf, roleLabel } from "@/lib/admin/identity";

export const metadata: Metadata = { title: "Drops — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function AdminDropsPage() {
  const principal = await requireAdminPage("/admin");
  const who = await identityOf(principal);
  const drops = await listDrops({ includeDrafts: true, brandId: brandOf(principal) });
  const rows = await Promise.all(drops.map(async (d) => ({ ...d, soldOutAfterMs: await soldOutAfterMs(d) })));
  const brand = who.brand;
  const activity = brand && (await loadActivity(principal, brand.id, drops));
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-black tracking-tight">{brand ? `${brand.name}: drops` : "Drops"}</h1>
          <p data-testid="whoami" className="text-sm text-zinc-600">
            {brand
              ? `Signed in as ${who.name}, ${roleLabel[who.role]} of ${brand.name}.`
              : "Signed in as the platform operator: every brand's drops."}{" "}
            Times are shown in your time zone.
          </p>
        </div>
        {who.canWrite ? (
          <div className="flex flex-wrap gap-3">
            <Link
              href="/admin/race"
              className="rounded-lg border border-zinc-300 bg-white px-4 py-2.5 font-semibold hover:bg-zinc-100"
            >
              Race arena
            </Link>
            <Link
              href="/admin/drops/new"
              className="rounded-lg bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark"
            >
              New drop
            </Link>
          </div>
        ) : (
          <p data-testid="read-only" className="max-w-xs text-sm text-zinc-600">
            As a viewer you can watch every drop of {brand?.name ?? "the brand"}, not change them.
          </p>
        )}
      </div>
      <DropsTable drops={rows} />
      {brand && activity && (
        <ActivityLog brandId={brand.id} initial={activity.initial} names={activity.names} />
      )}
    </section>
  );
}
