"use client";

import { useCallback, useState } from "react";
import useSWR from "swr";
import { api, ApiError } from "@/lib/hooks/fetcher";
import { myQueueSchema, nextPollMs, type MyQueue } from "@/lib/schemas/queue";

// A shopper's place in a drop's waiting room (GET /api/drops/{id}/queue/me). The server answers
// from its copy of the line: a poll writes nothing and costs it no read of its own.

/** Null while this shopper is not in the line (the API's 404 NOT_IN_LINE). */
async function queueFetcher([url, token]: readonly [string, string]): Promise<MyQueue | null> {
  try {
    return myQueueSchema.parse(await api<unknown>(url, { token }));
  } catch (err) {
    if (err instanceof ApiError && err.code === "NOT_IN_LINE") return null;
    throw err;
  }
}

/**
 * This tab's place; polled while in line and not yet past its pass. `joined` after this tab joins:
 * SWR's poll, stopped while not in line, starts again only when its interval function changes.
 */
export function useMyQueue(dropId: string, token: string | undefined, enabled: boolean) {
  const [joins, setJoins] = useState(0);
  const refreshInterval = useCallback(
    (mine: MyQueue | null | undefined) => (joins >= 0 && mine ? nextPollMs(mine) : 0),
    [joins],
  );
  const swr = useSWR(
    enabled && token ? ([`/api/drops/${dropId}/queue/me`, token] as const) : null,
    queueFetcher,
    { refreshInterval, refreshWhenHidden: true, keepPreviousData: true },
  );
  const joined = useCallback(() => setJoins((n) => n + 1), []);
  return { ...swr, joined };
}
