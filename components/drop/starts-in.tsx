"use client";

import { useEffect, useState } from "react";
import { Countdown } from "@/components/drop/countdown";

/**
 * A feed card's countdown to its start, ticking on the server's clock: the page's server time at
 * render (so the server render and hydration agree), then this machine's clock plus the offset
 * measured against that time at mount. The page is a little older than that, so it runs slightly
 * late, never early.
 */
export function StartsIn({ startsAt, serverTime }: { startsAt: string; serverTime: string }) {
  const [pageServerTime] = useState(() => Date.parse(serverTime));
  const [now, setNow] = useState<number>();
  useEffect(() => {
    const offset = pageServerTime - Date.now();
    const timer = setInterval(() => setNow(Date.now() + offset), 250);
    return () => clearInterval(timer);
  }, [pageServerTime]);
  const target = Date.parse(startsAt);
  const serverNow = now ?? pageServerTime;
  if (serverNow >= target) return <p className="text-sm font-semibold text-emerald-700">Starting now</p>;
  return <Countdown label="Starts in" target={target} serverNow={serverNow} />;
}
