import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Drop } from "@/lib/schemas/drop";
import { formatElapsed } from "@/lib/format";

export type DropRow = Drop & { soldOutAfterMs?: number };

/** All drops at a glance: status, window, sales and, once sold out, how fast it went. */
export function DropsTable({ drops }: { drops: DropRow[] }) {
  if (drops.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-zinc-500">
        No drops yet. Create the first one.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">All drops, newest first</caption>
        <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-4 py-3">
              Drop
            </th>
            <th scope="col" className="px-4 py-3">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              Window (your time)
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Sold / remaining
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Sell-through
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Sold out in
            </th>
          </tr>
        </thead>
        <tbody>
          {drops.map((d) => {
            const sold = d.totalStock - d.remainingStock;
            return (
              <tr key={d.id} data-testid={`drop-row-${d.id}`} className="border-t border-zinc-100">
                <th scope="row" className="px-4 py-3 font-semibold">
                  <Link href={`/admin/drops/${d.id}`} className="hover:underline">
                    {d.name}
                  </Link>
                  {!d.listed && (
                    <span
                      data-testid="unlisted"
                      title="Not in the public feed: shoppers reach it by its link only"
                      className="ml-2 inline-flex rounded-full border border-zinc-300 px-2 py-0.5 align-middle text-xs font-medium text-zinc-600"
                    >
                      Unlisted
                    </span>
                  )}
                </th>
                <td className="px-4 py-3">
                  <StatusBadge status={d.status} />
                </td>
                <td className="px-4 py-3 text-xs whitespace-nowrap text-zinc-600">
                  <span className="block">
                    Starts <LocalTime iso={d.startsAt} />
                  </span>
                  <span className="block">
                    Ends <LocalTime iso={d.endsAt} />
                  </span>
                </td>
                <td data-testid="sold-remaining" className="px-4 py-3 text-right font-mono tabular-nums">
                  {sold} / {d.remainingStock}
                </td>
                <td className="px-4 py-3 text-right tabular-nums">
                  {d.totalStock > 0 ? Math.round((sold / d.totalStock) * 100) : 0}%
                </td>
                <td className="px-4 py-3 text-right tabular-nums">
                  {d.soldOutAfterMs === undefined ? "—" : formatElapsed(d.soldOutAfterMs)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
