"use client";

import useSWR from "swr";
import { api } from "@/lib/hooks/fetcher";
import type { MyClaims } from "@/lib/schemas/claim";

export const myOrdersKey = (token: string) => ["/api/shoppers/me/claims", token] as const;

/**
 * This tab's holds and orders on every drop, newest first. Reloaded every 15 s while a hold runs,
 * so its line turns "expired" soon after its deadline.
 */
export function useMyOrders(token: string | undefined) {
  return useSWR(token ? myOrdersKey(token) : null, ([url, t]) => api<MyClaims>(url, { token: t }), {
    refreshInterval: (data) => (data?.claims.some((c) => c.state === "held") ? 15_000 : 0),
  });
}
