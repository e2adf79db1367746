"use client";

import { useEffect, useState } from "react";
import { fromMd, onNarrow } from "@/components/admin/narrow-columns";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { adminClaimsCsvUrl, useAdminClaims, useDropMetrics } from "@/lib/hooks/use-admin";

/**
 * A drop's claims, oldest first, a page at a time; refreshed when the live count moves. Buyers come
 * as the server lets this admin see them: `buyersMasked` for a viewer (lib/admin/buyer-privacy.ts).
 */
export function ClaimsTable({ dropId, buyersMasked }: { dropId: string; buyersMasked: boolean }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { data, error, isLoading, mutate } = useAdminClaims(dropId, cursor);
  const claimed = useDropMetrics(dropId).data?.counts.CLAIMED;
  useEffect(() => {
    void mutate();
  }, [claimed, mutate]);
  const page = cursors.length;

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
                <td className="py-2 pr-3">{c.status}</td>
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
              </tr>
            ))}
            {data && data.claims.length === 0 && (
              <tr>
                <td colSpan={6} className="py-6 text-center text-zinc-500">
                  No claims yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
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
