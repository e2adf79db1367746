"use client";

import { Countdown } from "@/components/drop/countdown";
import { formatRelative } from "@/lib/format";
import { usePageClock } from "@/lib/hooks/use-page-clock";

const HOUR = 3_600_000;

/**
 * A feed card's time to its start on the server's clock: a ticking countdown in its last hour, and
 * "Starts in 3 h" before that (seconds ticking days ahead say nothing).
 */
export function StartsIn({ startsAt, serverTime }: { startsAt: string; serverTime: string }) {
  const serverNow = usePageClock(serverTime);
  const target = Date.parse(startsAt);
  if (serverNow >= target) return <p className="text-sm font-semibold text-emerald-700">Starting now</p>;
  if (target - serverNow >= HOUR)
    return (
      <p suppressHydrationWarning className="text-sm font-semibold text-zinc-700">
        Starts {formatRelative(target - serverNow)}
      </p>
    );
  return <Countdown label="Starts in" target={target} serverNow={serverNow} />;
}
