"use client";

import { useEffect, useState } from "react";
import useSWR from "swr";
import { api } from "@/lib/hooks/fetcher";
import type { Stock } from "@/lib/schemas/drop";

export const stockKey = (dropId: string) => `/api/drops/${dropId}/stock`;

/** Stock plus when this machine received it, to follow the server's clock. */
export type LiveStock = Stock & { receivedAt?: number };

const stockFetcher = async (url: string): Promise<LiveStock> => ({ ...(await api<Stock>(url)), receivedAt: Date.now() });

// Live stock every second while it can change; slower once sold out (a hold may still come
// back); never once ended. Background tabs keep polling: the multi-tab race demo needs them.
function pollInterval(stock: LiveStock | undefined): number {
  if (!stock) return 1000;
  if (stock.status === "ended") return 0;
  if (stock.status === "sold_out") return 5000;
  return 1000;
}

export function useStock(dropId: string, fallbackData: Stock) {
  return useSWR<LiveStock>(stockKey(dropId), stockFetcher, {
    fallbackData,
    refreshInterval: pollInterval,
    refreshWhenHidden: true,
    dedupingInterval: 500,
  });
}

/** The server's current time, ticking: this machine's clock plus the offset the last poll measured. */
export function useServerNow(stock: LiveStock, everyMs = 250): number {
  const offset = stock.receivedAt === undefined ? 0 : Date.parse(stock.serverTime) - stock.receivedAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now + offset;
}
