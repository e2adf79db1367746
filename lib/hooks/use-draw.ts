"use client";

import { useCallback } from "react";
import useSWR from "swr";
import { api, ApiError } from "@/lib/hooks/fetcher";
import { drawSchema, type PublishedDraw } from "@/lib/schemas/draw";
import { authorisingSchema, myEntrySchema, type Authorising, type MyEntry } from "@/lib/schemas/entry";

// A draw drop's reads (issue 23): the published draw, and this tab's shopper's entry in it.

export const drawKey = (dropId: string) => `/api/drops/${dropId}/draw`;

/** The time between polls while the draw can still change. */
const DRAW_POLL_MS = 2000;
const ENTRY_POLL_MS = 3000;

const drawFetcher = async (url: string) => drawSchema.parse(await api<unknown>(url));

/**
 * The draw as published: polled while open (the live entry count) and while closed (until drawn);
 * once drawn only `live` keeps it polling (the admin's view, whose waitlist still moves).
 */
export function useDraw(dropId: string, fallbackData?: PublishedDraw, { live = false } = {}) {
  // Stable between renders: SWR restarts its poll timer whenever this function changes, and the
  // page re-renders with its clock several times a second.
  const refreshInterval = useCallback(
    (d: PublishedDraw | undefined) => (d?.status === "drawn" && !live ? 0 : DRAW_POLL_MS),
    [live],
  );
  return useSWR<PublishedDraw>(drawKey(dropId), drawFetcher, {
    fallbackData,
    refreshInterval,
    refreshWhenHidden: true,
    dedupingInterval: 500,
  });
}

/** Null while this shopper has not entered (the API's 404). */
async function entryFetcher([url, token]: readonly [string, string, string]): Promise<
  MyEntry | Authorising | null
> {
  try {
    const answer = await api<unknown>(url, { token });
    // A paid entry whose card is being authorised has no entry yet.
    return authorisingSchema.safeParse(answer).data ?? myEntrySchema.parse(answer);
  } catch (err) {
    if (err instanceof ApiError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}

/**
 * Whether this shopper's entry can still change: entered and waiting for the draw, on the
 * waitlist (a unit may still come), or a winner whose hold is being written or is running.
 */
export function entryMoves(
  mine: MyEntry | Authorising | null | undefined,
  drawStatus: PublishedDraw["status"],
): boolean {
  if (!mine) return false;
  if ("authorising" in mine) return true;
  if (!mine.result) return drawStatus !== "open";
  if (mine.result === "waitlist") return true;
  return mine.result === "won" && (!mine.claim || mine.claim.status === "held");
}

/**
 * This tab's shopper's entry. Keyed by the draw's status too, so it is read again the moment the
 * draw is published; polled while it can still change.
 */
export function useMyEntry(dropId: string, token: string | undefined, drawStatus: PublishedDraw["status"]) {
  // Not loaded yet (undefined) polls too: SWR asks once, when the key changes and before any
  // answer, and a 0 then would stop this key's polling for good.
  const refreshInterval = useCallback(
    (mine: MyEntry | Authorising | null | undefined) =>
      mine === undefined || entryMoves(mine, drawStatus) ? ENTRY_POLL_MS : 0,
    [drawStatus],
  );
  return useSWR(
    token ? ([`/api/drops/${dropId}/entries/me`, token, drawStatus] as const) : null,
    entryFetcher,
    {
      keepPreviousData: true,
      refreshInterval,
      refreshWhenHidden: true,
    },
  );
}
