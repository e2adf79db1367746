"use client";

import { useEffect, useState } from "react";
import { fromMd, onNarrow } from "@/components/admin/narrow-columns";
import { RefundDialog } from "@/components/admin/refund-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { formatPrice } from "@/lib/format";
import { adminClaimsCsvUrl, useAdminClaims, useDropMetrics } from "@/lib/hooks/use-admin";
import { paymentStatusWords, type Claim } from "@/lib/schemas/claim";

/** A paid order whose refund is not done (never asked, or asked and not yet taken by the provider). */
const refundable = (c: Claim) =>
  c.status === "confirmed" &&
  c.order?.payment !== undefined &&
  (c.refund ? !c.refund.sent : c.payment?.status === "succeeded");

/**
 * A drop's claims, oldest first, a page at a time; refreshed when the live count moves. Buyers come
 * as the server lets this admin see them: `buyersMasked` for a viewer (lib/admin/buyer-privacy.ts).
 * An owner or a manager (`canRefund`) refunds a paid order from its row.
 */
export function ClaimsTable({
  dropId,
  buyersMasked,
  canRefund,
}: {
  dropId: string;
  buyersMasked: boolean;
  canRefund: boolean;
}) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { data, error, isLoading, mutate } = useAdminClaims(dropId, cursor);
  const metrics = useDropMetrics(dropId);
  const claimed = metrics.data?.counts.CLAIMED;
  useEffect(() => {
    void mutate();
  }, [claimed, mutate]);
  const page = cursors.length;
  const [refunding, setRefunding] = useState<Claim>();
  const selling = ["live", "sold_out", "paused"].includes(metrics.data?.status ?? "");

  return (
    <Panel
      id="claims"
      title="Claims"
      space="space-y-3"
      row="flex flex-wrap items-center justify-between gap-3"
      aside={
        <a
          href={adminClaimsCsvUrl(dropId)}
          download
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold hover:bg-zinc-50"
        >
          Export CSV
        </a>
      }
    >
      {buyersMasked && (
        <p data-testid="buyers-masked" className="text-sm text-zinc-600">
          You have the viewer role: buyers&apos; names and emails are masked, their addresses hidden.
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load claims: {error instanceof Error ? error.message : "unknown error"}
        </p>
      )}
      {/* On a phone shopper, order and buyer fold under the claim; should a row still be wider than
          the screen, the region scrolls sideways, and a keyboard can reach it too. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Claims table">
        <table className="w-full text-left text-sm" aria-busy={isLoading}>
          <caption className="sr-only">Claims, oldest first, page {page}</caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Claim
              </th>
              <th scope="col" className={`${fromMd} py-2 pr-3`}>
                Shopper
              </th>
              <th scope="col" className="py-2 pr-3">
                Time
              </th>
              <th scope="col" className="py-2 pr-3">
                Status
              </th>
              <th scope="col" className={`${fromMd} py-2 pr-3`}>
                Order
              </th>
              <th scope="col" className={`${fromMd} py-2 pr-3`}>
                Buyer
              </th>
              <th scope="col" className={`${fromMd} py-2 pr-3`}>
                Payment
              </th>
            </tr>
          </thead>
          <tbody data-testid="claims-rows">
            {data?.claims.map((c) => (
              <tr key={c.id} className="border-t border-zinc-100">
                <td className="py-2 pr-3 font-mono text-xs">
                  {c.id.slice(0, 10)}
                  <span className={onNarrow}>shopper {c.shopperId.slice(0, 8)}</span>
                  {c.orderNumber && <span className={onNarrow}>order {c.orderNumber}</span>}
                  {c.order && (
                    <span className={`${onNarrow} font-sans wrap-anywhere`}>
                      {c.order.buyer.name} · {c.order.buyer.email}
                    </span>
                  )}
                </td>
                <td className={`${fromMd} py-2 pr-3 font-mono text-xs`}>{c.shopperId.slice(0, 8)}</td>
                <td className="py-2 pr-3">
                  <LocalTime iso={c.createdAt} seconds />
                </td>
                <td className="py-2 pr-3">
                  {c.status}
                  {(c.refund || c.payment?.status === "refunded") && (
                    <span data-testid="refunded" className="block text-xs text-zinc-600">
                      {c.refund && !c.refund.sent ? "refund pending" : "refunded"}
                      {c.refund?.restocked ? " · unit back on sale" : ""}
                    </span>
                  )}
                  {canRefund && refundable(c) && (
                    <button
                      type="button"
                      onClick={() => setRefunding(c)}
                      className="mt-1 block rounded-lg border border-zinc-300 px-2 py-0.5 text-xs font-semibold hover:bg-zinc-50"
                    >
                      {c.refund ? "Finish refund" : "Refund"}
                      <span className="sr-only"> order {c.orderNumber}</span>
                    </button>
                  )}
                </td>
                <td className={`${fromMd} py-2 pr-3 font-mono text-xs`}>{c.orderNumber ?? "—"}</td>
                <td className={`${fromMd} py-2 pr-3`}>
                  {c.order ? (
                    <>
                      {c.order.buyer.name} · {c.order.buyer.email}
                      <span className="block text-xs whitespace-pre-line text-zinc-600">
                        {c.order.buyer.shippingAddress}
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={`${fromMd} py-2 pr-3 text-xs`}>
                  {c.payment ? (
                    <>
                      {formatPrice(c.payment.amountMinor, c.payment.currency.toUpperCase())} ·{" "}
                      {paymentStatusWords[c.payment.status]}
                      {c.order?.payment?.last4 && (
                        <span className="block text-zinc-600">card ending {c.order.payment.last4}</span>
                      )}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {data && data.claims.length === 0 && (
              <tr>
                <td colSpan={7} className="py-6 text-center text-zinc-500">
                  No claims yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <RefundDialog
        key={refunding?.id ?? "none"}
        dropId={dropId}
        claim={refunding}
        canRestock={selling}
        onCancel={() => setRefunding(undefined)}
        onDone={() => {
          setRefunding(undefined);
          void mutate();
          void metrics.mutate();
        }}
      />
      <nav aria-label="Claims pages" className="flex items-center gap-3 text-sm">
        <button
          type="button"
          disabled={page === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 font-semibold disabled:opacity-40"
        >
          Previous page
        </button>
        <span aria-live="polite">Page {page}</span>
        <button
          type="button"
          disabled={!data?.nextCursor}
          onClick={() => setCursors((c) => [...c, data?.nextCursor ?? undefined])}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 font-semibold disabled:opacity-40"
        >
          Next page
        </button>
      </nav>
    </Panel>
  );
}
