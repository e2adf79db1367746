import type { Metadata } from "next";
import Link from "next/link";
import { ActivityLog } from "@/components/admin/activity-log";
import { AuditPanel } from "@/components/admin/audit-panel";
import { ClaimsTable } from "@/components/admin/claims-table";
import { DrawPanel } from "@/components/admin/draw-panel";
import { DropActions } from "@/components/admin/drop-actions";
import { LiveMetrics } from "@/components/admin/live-metrics";
import { QueuePanel } from "@/components/admin/queue-panel";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { seesBuyers } from "@/lib/admin/buyer-privacy";
import { loadAdminDrop, requireAdminPage } from "@/lib/admin/pages";
import { getDropMetrics } from "@/lib/admin/metrics";
import { can } from "@/lib/brand/principal";
import { formatPrice } from "@/lib/format";
import { loadActivity } from "@/lib/admin/activity-names";

export const metadata: Metadata = { title: "Drop — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function AdminDropPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireAdminPage(`/admin/drops/${id}`);
  const drop = await loadAdminDrop(id, principal);
  const metrics = await getDropMetrics({ id });
  const canWrite = can(principal, "manager");
  const activity = await loadActivity(principal, drop.brandId, [drop], drop.id);
  return (
    <section className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm">
            <Link href="/admin" className="text-zinc-500 hover:underline">
              ← All drops
            </Link>
          </p>
          <h1 className="text-3xl font-black tracking-tight">{drop.name}</h1>
          <p className="text-sm text-zinc-600">
            {formatPrice(drop.priceCents, drop.currency)} ·{" "}
            {drop.mode === "draw" ? "draw" : `limit ${drop.maxPerShopper} per shopper`} · hold{" "}
            {drop.holdSeconds} s
            {!drop.listed && " · unlisted (not in the public feed, reached by its link only)"}
          </p>
          <p className="text-sm text-zinc-600">
            <LocalTime iso={drop.startsAt} seconds /> → <LocalTime iso={drop.endsAt} seconds />
          </p>
        </div>
        {drop.status !== "draft" && (
          <Link href={`/drops/${drop.id}`} className="text-sm font-semibold text-brand hover:underline">
            Shopper page ↗
          </Link>
        )}
      </header>
      {canWrite ? (
        <DropActions drop={{ id: drop.id, name: drop.name }} initial={metrics} />
      ) : (
        <Panel id="actions" title="Actions">
          <p data-testid="read-only" className="text-sm text-zinc-600">
            You have the viewer role: you can watch this drop, not publish, pause, restock, end or edit it.
          </p>
        </Panel>
      )}
      {drop.mode === "draw" && drop.status !== "draft" && <DrawPanel dropId={drop.id} canWrite={canWrite} />}
      <LiveMetrics dropId={drop.id} currency={drop.currency} initial={metrics} />
      {drop.waitingRoom?.enabled && drop.status !== "draft" && (
        <QueuePanel dropId={drop.id} canWrite={canWrite} />
      )}
      <ClaimsTable dropId={drop.id} buyersMasked={!seesBuyers(principal)} canRefund={canWrite} />
      {canWrite && drop.status !== "draft" && <AuditPanel dropId={drop.id} currency={drop.currency} />}
      <ActivityLog
        brandId={drop.brandId}
        dropId={drop.id}
        initial={activity.initial}
        names={activity.names}
        title="This drop's activity"
      />
    </section>
  );
}
