import { statusLabel } from "@/lib/format";
import type { DropStatus } from "@/lib/schemas/drop";

const tone: Record<DropStatus, string> = {
  draft: "bg-zinc-200 text-zinc-700",
  scheduled: "bg-amber-100 text-amber-800",
  live: "bg-emerald-100 text-emerald-800",
  paused: "bg-sky-100 text-sky-800",
  sold_out: "bg-rose-100 text-rose-800",
  ended: "bg-zinc-200 text-zinc-700",
};

/** Status as words and colour; the words carry the meaning. */
export function StatusBadge({ status }: { status: DropStatus }) {
  return (
    <span
      data-testid="status"
      className={`inline-flex shrink-0 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${tone[status]}`}
    >
      {status === "live" && (
        <span
          aria-hidden
          className="mr-1.5 mt-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-600"
        />
      )}
      {statusLabel[status]}
    </span>
  );
}
