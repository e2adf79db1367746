"use client";

import useSWRInfinite from "swr/infinite";
import { fetcher } from "@/lib/hooks/fetcher";
import type { FeedPage } from "@/lib/schemas/drop";

/** A page of a public list (`/api/drops` or `/api/brands/{slug}`) after `cursor`. */
export const feedPageKey = (url: string, cursor: string) => `${url}?cursor=${encodeURIComponent(cursor)}`;

/**
 * The older ended drops of a list, a page per `setSize(size + 1)`, from the server page's
 * `nextCursor` on; nothing is read until the first. Ended drops barely change: no refocus reloads.
 */
export function useOlderDrops(url: string, cursor: string) {
  return useSWRInfinite<FeedPage>(
    (index, previous: FeedPage | null) => {
      if (index === 0) return feedPageKey(url, cursor);
      return previous?.nextCursor ? feedPageKey(url, previous.nextCursor) : null;
    },
    fetcher,
    { initialSize: 0, revalidateFirstPage: false, revalidateOnFocus: false },
  );
}
