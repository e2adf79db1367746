"use client";

import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { usePageClock } from "@/lib/hooks/use-page-clock";
import type { Drop } from "@/lib/schemas/drop";

/**
 * The one time that matters for a feed card's status, relative on the server's clock and absolute in
 * the viewer's zone. A scheduled card says how far its start is in its countdown (StartsIn) already.
 */
export function CardWhen({ drop, serverTime }: { drop: Drop; serverTime: string }) {
  const now = usePageClock(serverTime, 1000);
  switch (drop.status) {
    case "live":
    case "paused":
      // The card's status is the page's; the clock goes on past the end.
      return (
        <RelativeTime verb={Date.parse(drop.endsAt) > now ? "Ends" : "Ended"} iso={drop.endsAt} now={now} />
      );
    case "ended":
      return <RelativeTime verb="Ended" iso={drop.endsAt} now={now} />;
    case "sold_out":
      return <RelativeTime verb="Started" iso={drop.startsAt} now={now} />;
    default:
      return (
        <>
          Starts <LocalTime iso={drop.startsAt} />
        </>
      );
  }
}
