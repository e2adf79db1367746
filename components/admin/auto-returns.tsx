import { LocalTime } from "@/components/ui/local-time";
import type { DropMetrics } from "@/lib/schemas/drop-admin";

/** Units the sweeper found stranded (a crash, a lost answer) and put back on sale by itself. */
export function AutoReturns({ events }: { events: DropMetrics["autoReturns"] }) {
  if (events.length === 0) return null;
  return (
    <div data-testid="auto-returns" className="space-y-1 text-sm">
      <p className="font-semibold">Returned to stock by reconciliation</p>
      <ul className="space-y-0.5 text-zinc-600">
        {events.map((e) => (
          <li key={e.at}>
            {e.units} {e.units === 1 ? "unit" : "units"} at <LocalTime iso={e.at} seconds />, once no write
            could still be in flight
          </li>
        ))}
      </ul>
    </div>
  );
}
