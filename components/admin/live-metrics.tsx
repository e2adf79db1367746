"use client";

import { AutoReturns } from "@/components/admin/auto-returns";
import { refusalReasons, RefusalsTable } from "@/components/admin/refusals-table";
import { SalesChart } from "@/components/admin/sales-chart";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { Stat } from "@/components/ui/stat";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatAmounts, formatPrice } from "@/lib/format";
import { useDropMetrics } from "@/lib/hooks/use-admin";
import { paymentStatuses, type PaymentStatus } from "@/lib/schemas/claim";
import type { DropMetrics } from "@/lib/schemas/drop-admin";

/** Payments by state, counted: a card authorised or released was never charged, and says so. */
const countWords: Record<PaymentStatus, string> = {
  created: "created",
  failed: "failed",
  authorised: "authorised (not charged)",
  succeeded: "succeeded",
  released: "released (not charged)",
  refunded: "refunded",
};

/** The live view: polled every second while the drop can change. `currency`: the drop's, for no revenue yet. */
export function LiveMetrics({
  dropId,
  currency,
  initial,
}: {
  dropId: string;
  currency: string;
  initial: DropMetrics;
}) {
  const { data = initial, error } = useDropMetrics(dropId, initial);
  const revenue =
    data.revenue.length === 0
      ? formatPrice(0, currency)
      : data.revenue.map((r) => formatPrice(r.cents, r.currency)).join(" + ");
  const sellThrough = data.totalStock > 0 ? Math.round((data.sold / data.totalStock) * 100) : 0;
  const refused = refusalReasons.reduce((sum, r) => sum + (data.counts[r] ?? 0), 0);

  return (
    <Panel
      id="live"
      title="Live view"
      space="space-y-5"
      row="flex flex-wrap items-center justify-between gap-3"
      aside={
        <div className="flex items-center gap-3 text-xs text-zinc-500">
          <StatusBadge status={data.status} />
          <span>
            Updated <LocalTime iso={data.serverTime} seconds />
          </span>
        </div>
      }
    >
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Live numbers are not updating: {error instanceof Error ? error.message : "unknown error"}
        </p>
      )}
      <dl aria-live="polite" className="grid grid-cols-2 gap-3 sm:grid-cols-3">
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
        <Stat label="Orders" value={`${data.orders}`} sub="holds checked out" testId="metric-orders" />
        <Stat
          label="Revenue"
          value={revenue}
          sub={data.money ? "captured − refunded" : "of those orders"}
          testId="metric-revenue"
        />
        {data.money && (
          <Stat
            label="Refunds"
            value={`${data.money.payments.refunded}`}
            sub={`${formatAmounts(data.money.refunded, currency)} given back`}
            testId="metric-refunds"
          />
        )}
      </dl>
      {data.money && (
        <p data-testid="metric-payments" className="text-sm text-zinc-600">
          Payments:{" "}
          {paymentStatuses.map((s, i) => (
            <span key={s}>
              {i > 0 && " · "}
              <span className="font-mono tabular-nums">{data.money!.payments[s]}</span> {countWords[s]}
            </span>
          ))}
          ; {formatAmounts(data.money.captured, currency)} captured.
        </p>
      )}
      <div className="grid gap-5 md:grid-cols-[1fr_16rem]">
        <SalesChart series={data.series} bucketSeconds={data.bucketSeconds} of={data.seriesOf} />
        <RefusalsTable variant="reasons" counts={data.counts} />
      </div>
      <p data-testid="metric-solved" className="text-sm text-zinc-600">
        Proof of work: <span className="font-mono tabular-nums">{data.counts.SOLVED ?? 0}</span> claims came
        with a solved challenge; <span className="font-mono tabular-nums">{data.counts.CHALLENGES ?? 0}</span>{" "}
        challenges handed out.
      </p>
      <AutoReturns events={data.autoReturns} />
      <p className="text-xs text-zinc-500">
        Attempt counts are gathered in memory on each server and saved once a second, so they can trail by
        about two seconds.
      </p>
    </Panel>
  );
}
