const LOW = 5;

/**
 * Remaining stock as a bar and as words. Screen readers hear it only when it matters (low stock,
 * sold out), not on every poll: the live region's text changes only at those points.
 */
export function StockBar({
  remaining,
  total,
  owned = 0,
}: {
  remaining: number;
  total: number;
  /** Units this shopper holds: to them the last unit is theirs, not "sold out". */
  owned?: number;
}) {
  const pct = total > 0 ? Math.round((remaining / total) * 100) : 0;
  const announce =
    remaining <= 0
      ? owned > 0
        ? "All units are taken; one is yours."
        : "Sold out."
      : remaining <= LOW
        ? "Only a few left."
        : "";
  return (
    <div className="space-y-1.5">
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>
      <p className="text-sm font-medium">
        <span data-testid="remaining" className="text-2xl font-black tabular-nums">
          {remaining}
        </span>{" "}
        of {total} left
      </p>
      <div
        role="progressbar"
        aria-label="Stock left"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={remaining}
        className="h-3 overflow-hidden rounded-full bg-zinc-200"
      >
        <div
          className="h-full rounded-full bg-brand transition-[width] duration-500"
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
