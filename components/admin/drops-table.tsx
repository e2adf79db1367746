import Link from "next/link";
import { fromMd } from "@/components/admin/narrow-columns";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { Drop } from "@/lib/schemas/drop";
import { formatElapsed } from "@/lib/format";

export type DropRow = Drop & { soldOutAfterMs?: number };

// Narrow screens keep two columns, the drop (with its status) and its sales: the window folds under
// the name, sell-through and sell-out time under the sales; their own columns come back as room allows.
const fromLg = "hidden lg:table-cell";

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
              Drop and status
            </th>
            <th scope="col" className={`${fromLg} px-4 py-3`}>
              Window (your time)
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Sold / remaining
            </th>
            <th scope="col" className={`${fromMd} px-4 py-3 text-right`}>
              Sell-through
            </th>
            <th scope="col" className={`${fromMd} px-4 py-3 text-right`}>
              Sold out in
            </th>
          </tr>
        </thead>
        <tbody>
          {drops.map((d) => {
            const sold = d.totalStock - d.remainingStock;
            const sellThrough = `${d.totalStock > 0 ? Math.round((sold / d.totalStock) * 100) : 0}%`;
            const soldOutIn = d.soldOutAfterMs === undefined ? undefined : formatElapsed(d.soldOutAfterMs);
            return (
              <tr key={d.id} data-testid={`drop-row-${d.id}`} className="border-t border-zinc-100 align-top">
                <th scope="row" className="px-4 py-3 font-semibold wrap-anywhere">
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
                  <span className="mt-1 block">
                    <StatusBadge status={d.status} />
                  </span>
                  <span className="mt-1 block text-xs font-normal text-zinc-600 lg:hidden">
                    Starts <LocalTime iso={d.startsAt} />
                  </span>
                </th>
                <td className={`${fromLg} px-4 py-3 text-xs whitespace-nowrap text-zinc-600`}>
                  <span className="block">
                    Starts <LocalTime iso={d.startsAt} />
                  </span>
                  <span className="block">
                    Ends <LocalTime iso={d.endsAt} />
                  </span>
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap">
                  <span data-testid="sold-remaining" className="font-mono tabular-nums">
                    {sold} / {d.remainingStock}
                  </span>
                  <span className="block text-xs text-zinc-600 tabular-nums md:hidden">
                    {sellThrough} sold
                    {soldOutIn && (
                      <span data-testid="sold-out-in" className="block">
                        out in {soldOutIn}
                      </span>
                    )}
                  </span>
                </td>
                <td className={`${fromMd} px-4 py-3 text-right tabular-nums`}>{sellThrough}</td>
                <td className={`${fromMd} px-4 py-3 text-right whitespace-nowrap tabular-nums`}>
                  {soldOutIn ?? "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
