import Link from "next/link";
import { CardWhen } from "@/components/drop/card-when";
import { StartsIn } from "@/components/drop/starts-in";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatPrice } from "@/lib/format";
import type { Drop } from "@/lib/schemas/drop";

/** One drop in the feed; `serverTime` (the page's render time) drives its countdown and relative times. */
export function DropCard({ drop, serverTime }: { drop: Drop; serverTime: string }) {
  return (
    <Link
      href={`/drops/${drop.id}`}
      className="group overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-sm transition hover:shadow-md focus-visible:outline-2 focus-visible:outline-brand"
    >
      {drop.imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- admin-supplied URLs of any host
        <img src={drop.imageUrl} alt="" className="aspect-square w-full bg-zinc-100 object-cover" />
      ) : (
        <div className="aspect-square w-full bg-zinc-100" />
      )}
      <div className="space-y-2 p-4">
        <div className="flex items-center justify-between gap-2">
          <h3 className="font-bold group-hover:underline">{drop.name}</h3>
          <StatusBadge status={drop.status} />
        </div>
        <p className="text-sm text-zinc-600">
          {formatPrice(drop.priceCents, drop.currency)} ·{" "}
          {drop.mode === "draw"
            ? `a draw for ${drop.totalStock} unit${drop.totalStock === 1 ? "" : "s"}`
            : `${drop.remainingStock} of ${drop.totalStock} left`}
        </p>
        {drop.status === "scheduled" && <StartsIn startsAt={drop.startsAt} serverTime={serverTime} />}
        <p className="text-xs text-zinc-500">
          <CardWhen drop={drop} serverTime={serverTime} />
        </p>
      </div>
    </Link>
  );
}
