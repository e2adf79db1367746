import type { Metadata } from "next";
import Link from "next/link";
import { DropsTable } from "@/components/admin/drops-table";
import { soldOutAfterMs } from "@/lib/admin/claims-page";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { brandOf } from "@/lib/auth/principal";
import { listDrops } from "@/lib/drop/drops";

export const metadata: Metadata = { title: "Drops — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function AdminDropsPage() {
  const principal = await requireAdminPage("/admin");
  const drops = await listDrops({ includeDrafts: true, brandId: brandOf(principal) });
  const rows = await Promise.all(drops.map(async (d) => ({ ...d, soldOutAfterMs: await soldOutAfterMs(d) })));
  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-black tracking-tight">Drops</h1>
          <p className="text-sm text-zinc-600">Times are shown in your time zone.</p>
        </div>
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
      </div>
      <DropsTable drops={rows} />
    </section>
  );
}
