import { LocalTime } from "@/components/ui/local-time";
import { formatRelative } from "@/lib/format";

/**
 * "Ends in 2 h (Mar 4, 2026, 06:00 PM GMT+1)": how far away on the server's clock (`now`, which the
 * caller ticks), then the instant in the viewer's zone. The caller's first `now` is the page's own
 * server time, so the server render and hydration say the same.
 */
export function RelativeTime({ verb, iso, now }: { verb: string; iso: string; now: number }) {
  return (
    <>
      {verb}{" "}
      <span data-testid="relative-time" suppressHydrationWarning>
        {formatRelative(Date.parse(iso) - now)}
      </span>{" "}
      (<LocalTime iso={iso} />)
    </>
  );
}
