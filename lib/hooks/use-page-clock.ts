"use client";

import { useEffect, useState } from "react";

/**
 * The server's current time on a page that has no stock poll (the feed): the page's server time at
 * render (so the server render and hydration agree), then this machine's clock plus the offset
 * measured against that time at mount. The page is a little older than that, so it runs slightly
 * late, never early. (A drop page follows its stock poll instead: useServerNow in use-stock.ts.)
 */
export function usePageClock(serverTime: string, everyMs = 250): number {
  const [pageServerTime] = useState(() => Date.parse(serverTime));
  const [now, setNow] = useState<number>();
  useEffect(() => {
    const offset = pageServerTime - Date.now();
    const timer = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(timer);
  }, [pageServerTime, everyMs]);
  return now ?? pageServerTime;
}
