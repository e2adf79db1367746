import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivityLog } from "@/components/admin/activity-log";
import { DropsTable } from "@/components/admin/drops-table";
import { Panel } from "@/components/ui/panel";
import { soldOutAfterMs } from "@/lib/admin/claims-page";
import { loadAdminBrand, requireAdminPage } from "@/lib/admin/pages";
import { can } from "@/lib/brand/principal";
import { BRAND_DROPS_PAGE, isBrandDropsCursor, pageBrandDrops } from "@/lib/drop/brand-drops";
import { loadActivity } from "@/lib/admin/activity-names";

export const metadata: Metadata = { title: "Brand — DropRush admin" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ brandId: string }>; searchParams: Promise<{ before?: string | string[] }> };

/** One brand: its drops a page at a time, its activity log, and the way to its members, tokens and storefront. */
export default async function BrandPage({ params, searchParams }: Props) {
  const { brandId } = await params;
  const { before } = await searchParams;
  const principal = await requireAdminPage(`/admin/brands/${brandId}`);
  const brand = await loadAdminBrand(brandId, principal);
  // A cursor this page did not hand out is a page that does not exist (never a 500).
  if (before !== undefined && (typeof before !== "string" || !isBrandDropsCursor(before))) notFound();
  const page = await pageBrandDrops({ brandId: brand.id, before });
  const rows = await Promise.all(
    page.drops.map(async (d) => ({ ...d, soldOutAfterMs: await soldOutAfterMs(d) })),
  );
  const activity = await loadActivity(principal, brand.id, page.drops);
  const here = `/admin/brands/${brand.id}`;
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
              <Link href={`${here}/members`} className="font-semibold text-brand hover:underline">
                Members
              </Link>
              <Link href={`${here}/tokens`} className="font-semibold text-brand hover:underline">
                API tokens
              </Link>
            </>
          )}
        </p>
      </div>
      <Panel id="drops" title={before ? "Older drops" : "Drops"} space="space-y-3">
        <p className="text-sm text-zinc-600">
          Newest first, {BRAND_DROPS_PAGE} a page, drafts and unlisted drops included. Open one to manage it.
        </p>
        {rows.length === 0 && before ? (
          <p className="text-sm text-zinc-500">No older drops.</p>
        ) : (
          <DropsTable drops={rows} />
        )}
        <nav aria-label="Drops pages" className="flex flex-wrap gap-4 text-sm font-semibold">
          {before && (
            <Link href={`${here}#drops`} className="text-brand hover:underline">
              ← Newest drops
            </Link>
          )}
          {page.nextCursor && (
            <Link
              href={`${here}?before=${encodeURIComponent(page.nextCursor)}#drops`}
              className="text-brand hover:underline"
            >
              Older drops →
            </Link>
          )}
        </nav>
      </Panel>
      <ActivityLog brandId={brand.id} initial={activity.initial} names={activity.names} />
    </section>
  );
}
