import type { Metadata } from "next";
import Link from "next/link";
import { ActivityLog } from "@/components/admin/activity-log";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { can } from "@/lib/auth/principal";
import { listDrops } from "@/lib/drop/drops";
import { loadActivity } from "../../_lib/activity-names";
import { loadAdminBrand } from "../../_lib/brand-page";

export const metadata: Metadata = { title: "Brand — DropRush admin" };
export const dynamic = "force-dynamic";

/** One brand: its activity log, and the way to its members, tokens and storefront. */
export default async function BrandPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const principal = await requireAdminPage(`/admin/brands/${brandId}`);
  const brand = await loadAdminBrand(brandId, principal);
  const drops = await listDrops({ includeDrafts: true, brandId });
  const activity = await loadActivity(principal, brand.id, drops);
  return (
    <section className="space-y-5">
      <div className="space-y-1">
        {principal.kind === "operator" && (
          <p className="text-sm">
            <Link href="/admin/brands" className="text-zinc-500 hover:underline">
              ← All brands
            </Link>
          </p>
        )}
        <h1 className="text-3xl font-black tracking-tight">{brand.name}</h1>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={`/brands/${brand.slug}`} className="font-semibold text-brand hover:underline">
            Storefront ↗
          </Link>
          {can(principal, "owner") && (
            <>
              <Link
                href={`/admin/brands/${brand.id}/members`}
                className="font-semibold text-brand hover:underline"
              >
                Members
              </Link>
              <Link
                href={`/admin/brands/${brand.id}/tokens`}
                className="font-semibold text-brand hover:underline"
              >
                API tokens
              </Link>
            </>
          )}
          <span className="text-zinc-600">{drops.length} drops</span>
        </p>
      </div>
      <ActivityLog brandId={brand.id} initial={activity.initial} names={activity.names} />
    </section>
  );
}
