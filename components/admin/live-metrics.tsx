"use client";

import { SalesChart } from "@/components/admin/sales-chart";
import { StatusBadge } from "@/components/ui/status-badge";
import { useDropMetrics } from "@/lib/hooks/use-admin";
import { refusalReasons, type DropMetrics, type RefusalReason } from "@/lib/schemas/drop-admin";
import { Stat } from "@/components/ui/stat";

const reasonLabel: Record<RefusalReason, string> = {
  SOLD_OUT: "Sold out",
  NOT_STARTED: "Not started yet",
  LIMIT_REACHED: "Over the per-shopper limit",
  PAUSED: "Paused",
  ENDED: "Ended",
};

/** The live view: polled every second while the drop can change. */
export function LiveMetrics({ dropId, initial }: { dropId: string; initial: DropMetrics }) {
  const { data = initial, error } = useDropMetrics(dropId, initial);
  const sellThrough = data.totalStock > 0 ? Math.round((data.sold / data.totalStock) * 100) : 0;
  const refused = refusalReasons.reduce((sum, r) => sum + (data.counts[r] ?? 0), 0);

  return (
    <section
      aria-labelledby="live-heading"
      className="space-y-5 rounded-2xl border border-zinc-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="live-heading" className="text-lg font-bold">
          Live view
        </h2>
        <div className="flex items-center gap-3 text-xs text-zinc-500">
          <StatusBadge status={data.status} />
          <span suppressHydrationWarning>Updated {new Date(data.serverTime).toLocaleTimeString()}</span>
        </div>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Live numbers are not updating: {error instanceof Error ? error.message : "unknown error"}
        </p>
      )}
      <dl aria-live="polite" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat
          label="Remaining"
          value={`${data.remainingStock}`}
          sub={`of ${data.totalStock}`}
          testId="metric-remaining"
        />
        <Stat
          label="Sold (held or bought)"
          value={`${data.sold}`}
          sub={`${sellThrough}% sell-through`}
          testId="metric-sold"
        />
        <Stat
          label="Claims so far"
          value={`${data.counts.CLAIMED ?? 0}`}
          sub="units won"
          testId="metric-claims"
        />
        <Stat label="Refused attempts" value={`${refused}`} sub="all reasons" testId="metric-refused" />
      </dl>
      <div className="grid gap-5 md:grid-cols-[1fr_16rem]">
        <SalesChart series={data.series} bucketSeconds={data.bucketSeconds} />
        <table className="h-fit w-full text-sm">
          <caption className="pb-2 text-left font-semibold">Refused, by reason</caption>
          <tbody>
            {refusalReasons.map((r) => (
              <tr key={r} className="border-t border-zinc-100">
                <th scope="row" className="py-1.5 text-left font-normal text-zinc-600">
                  {reasonLabel[r]}
                </th>
                <td data-testid={`refused-${r}`} className="py-1.5 text-right font-mono tabular-nums">
                  {data.counts[r] ?? 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-zinc-500">
        Attempt counts are gathered in memory on each server and saved once a second, so they can trail by
        about two seconds.
      </p>
    </section>
  );
}
