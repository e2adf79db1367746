import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatPrice } from "@/lib/format";
import type { Drop } from "@/lib/schemas/drop";

export function DropCard({ drop }: { drop: Drop }) {
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
          <h2 className="font-bold group-hover:underline">{drop.name}</h2>
          <StatusBadge status={drop.status} />
        </div>
        <p className="text-sm text-zinc-600">
          {formatPrice(drop.priceCents, drop.currency)} · {drop.remainingStock} of {drop.totalStock} left
        </p>
        <p className="text-xs text-zinc-500">
          Starts <time dateTime={drop.startsAt}>{new Date(drop.startsAt).toUTCString()}</time>
        </p>
      </div>
    </Link>
  );
}
