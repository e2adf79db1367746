"use client";

import { useCallback, useEffect, useState } from "react";
import useSWR, { useSWRConfig } from "swr";
import { api } from "@/lib/hooks/fetcher";
import { laterStock, stockSchema, type Stock } from "@/lib/schemas/drop";

export const stockKey = (dropId: string) => `/api/drops/${dropId}/stock`;

/** Stock plus when this machine received it, to follow the server's clock. */
export type LiveStock = Stock & { receivedAt?: number };

// Parsed with the server's own schema: a drifted response fails here, not deep in the page.
const fetchStock = async (url: string): Promise<LiveStock> => ({
  ...stockSchema.parse(await api<unknown>(url)),
  receivedAt: Date.now(),
});

/**
 * The fetcher of every hook on stockKey (so the cache entry has one shape wherever it is read): an
 * answer dated before the stock the page already shows is dropped, not shown. A CDN may answer a
 * poll up to 5 s stale (the route's stale-while-revalidate), which would undo a newer "0 left".
 */
export function useStockFetcher() {
  const { cache } = useSWRConfig();
  return useCallback(
    async (url: string) => {
      const fresh = await fetchStock(url);
      const shown = cache.get(url)?.data as LiveStock | undefined;
      return laterStock(shown, shown?.receivedAt, fresh, Date.now());
    },
    [cache],
  );
}

// Live stock every second while it can change; slower once sold out (a hold may still come
// back); never once ended. Background tabs keep polling: the multi-tab race demo needs them.
function pollInterval(stock: LiveStock | undefined): number {
  if (!stock) return 1000;
  if (stock.status === "ended") return 0;
  if (stock.status === "sold_out") return 5000;
  return 1000;
}

// Right after this shopper's own click the stock moves fastest and they are watching it: poll
// four times a second for a few seconds, so the count settles (e.g. to 0 left) within about a
// second of the last winner, not up to two later.
const SETTLE_MS = 3000;
const SETTLE_POLL_MS = 250;

export function useStock(dropId: string, fallbackData: Stock) {
  const [settleUntil, setSettleUntil] = useState(0);
  // A new function restarts SWR's poll timer, so the fast cadence starts at once.
  const refreshInterval = useCallback(
    (stock: LiveStock | undefined) =>
      stock?.status !== "ended" && Date.now() < settleUntil ? SETTLE_POLL_MS : pollInterval(stock),
    [settleUntil],
  );
  const { data, mutate } = useSWR<LiveStock>(stockKey(dropId), useStockFetcher(), {
    fallbackData,
    refreshInterval,
    refreshWhenHidden: true,
    dedupingInterval: 200,
  });
  /** This shopper just changed the stock (a claim, a release, a checkout): reload now and often. */
  const settle = useCallback(() => {
    setSettleUntil(Date.now() + SETTLE_MS);
    void mutate();
  }, [mutate]);
  /**
   * The stock a claim's answer carried (unchecked JSON): shown at once, so a winner whose answer
   * comes after the sell-out sees 0 left without waiting for a poll. Only ever lowers the count:
   * its server's figures may be older than a poll from another (units coming back arrive by polls).
   */
  const show = useCallback(
    (answer: unknown) => {
      const parsed = stockSchema.safeParse(answer);
      if (!parsed.success) return;
      const fresh = parsed.data;
      void mutate(
        (s) =>
          s &&
          (laterStock(s, s.receivedAt, fresh, Date.now()) === s || fresh.remainingStock >= s.remainingStock)
            ? s
            : { ...fresh, receivedAt: Date.now() },
        { revalidate: false },
      );
    },
    [mutate],
  );
  /**
   * The server just refused a claim as sold out: 0 left, shown at once rather than at the next poll
   * (which the server's own cache answers the same, as the refusal came from it). Dated now on the
   * server's clock, as the last poll measured it, so an answer from before the refusal cannot undo it.
   */
  const soldOut = useCallback(() => {
    void mutate(
      (s) =>
        s && {
          ...s,
          remainingStock: 0,
          status: s.status === "live" ? "sold_out" : s.status,
          serverTime: new Date(Date.now() + serverOffset(s)).toISOString(),
          receivedAt: Date.now(),
        },
      { revalidate: false },
    );
  }, [mutate]);
  return { stock: data ?? fallbackData, settle, soldOut, show };
}

/** The server's clock minus this machine's, as measured when the stock was received (0 if unknown). */
const serverOffset = (stock: LiveStock) =>
  stock.receivedAt === undefined ? 0 : Date.parse(stock.serverTime) - stock.receivedAt;

/**
 * The server's current time, ticking: this machine's clock plus the offset the last poll measured.
 * Never trusts this machine's clock on its own, which may be off by minutes or hours:
 * - the server render and hydration use the page's own server time, so both render the same;
 * - until the first poll, the offset is measured against that server time at mount. The page is a
 *   little older than that, so the estimate runs slightly late, never early: a drop never looks
 *   live before the server's start.
 */
export function useServerNow(stock: LiveStock, everyMs = 250): number {
  const [pageServerTime] = useState(() => Date.parse(stock.serverTime));
  const [clock, setClock] = useState<{ now: number; mountOffset: number }>();
  useEffect(() => {
    const mountOffset = pageServerTime - Date.now();
    const timer = setInterval(() => setClock({ now: Date.now(), mountOffset }), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, pageServerTime]);
  if (!clock) return pageServerTime;
  return clock.now + (stock.receivedAt === undefined ? clock.mountOffset : serverOffset(stock));
}
