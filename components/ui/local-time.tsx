"use client";

import { useSyncExternalStore } from "react";
import { formatInstant } from "@/lib/format";

const subscribe = () => () => undefined;

/**
 * An instant in the admin's own time zone, always shown with the zone. The server renders UTC;
 * the browser switches to its zone right after hydration (no mismatch warning).
 */
export function LocalTime({ iso, seconds = false }: { iso: string; seconds?: boolean }) {
  const text = useSyncExternalStore(
    subscribe,
    () => formatInstant(iso, { seconds }),
    () => formatInstant(iso, { utc: true, seconds }),
  );
  return (
    <time dateTime={iso} title={`${formatInstant(iso, { utc: true, seconds: true })}`}>
      {text}
    </time>
  );
}

/** True once running in the browser (false during the server render and hydration). */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
