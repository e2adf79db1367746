/** Remaining stock as a bar and as words; announced politely to screen readers. */
export function StockBar({ remaining, total }: { remaining: number; total: number }) {
  const pct = total > 0 ? Math.round((remaining / total) * 100) : 0;
  return (
    <div className="space-y-1.5">
      <p aria-live="polite" className="text-sm font-medium">
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
