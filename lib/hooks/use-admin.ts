"use client";

import useSWR from "swr";
import { fetcher } from "@/lib/hooks/fetcher";
import { ACTIVITY_PAGE_SIZE, type ActivityEvent } from "@/lib/schemas/brand";
import type { AdminClaimsPage, DropMetrics } from "@/lib/schemas/drop-admin";
import type { QueueStats } from "@/lib/schemas/queue";

export const metricsKey = (dropId: string) => `/api/admin/drops/${dropId}/metrics`;
export const CLAIMS_PAGE_SIZE = 20;
export const adminClaimsKey = (dropId: string, cursor?: string) =>
  `/api/admin/drops/${dropId}/claims?limit=${CLAIMS_PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ""}`;
/** The same claims, all of them, as a CSV download (a plain link, not an SWR read). */
export const adminClaimsCsvUrl = (dropId: string) => `/api/admin/drops/${dropId}/claims?format=csv`;

/**
 * The live view's one poll: every second while the drop sells; after its end, every 5 s while a
 * hold can still check out (units out of stock but not yet orders); never for a draft, nor while
 * the tab is hidden: an admin view need not poll in the background.
 */
export function useDropMetrics(dropId: string, fallbackData?: DropMetrics) {
  return useSWR<DropMetrics>(metricsKey(dropId), fetcher, {
    fallbackData,
    refreshInterval: (d) =>
      d?.status === "draft" ? 0 : d?.status !== "ended" ? 1000 : d.sold > d.orders ? 5000 : 0,
    dedupingInterval: 500,
  });
}

/** One page of a drop's claims (oldest first); `cursor` comes from the previous page. */
export function useAdminClaims(dropId: string, cursor: string | undefined) {
  return useSWR<AdminClaimsPage>(adminClaimsKey(dropId, cursor), fetcher, { keepPreviousData: true });
}

/** A drawn drop's holds, oldest first, for its draw panel: the first 200 (winners, then backfills). */
export const drawClaimsKey = (dropId: string) => `/api/admin/drops/${dropId}/claims?limit=200`;

/** Polled every 5 s while `live` (holds may still check out, end, or pass down the waitlist). */
export function useDrawClaims(dropId: string, { enabled, live }: { enabled: boolean; live: boolean }) {
  return useSWR<AdminClaimsPage>(enabled ? drawClaimsKey(dropId) : null, fetcher, {
    refreshInterval: live ? 5000 : 0,
  });
}

export type ActivityPage = { events: ActivityEvent[]; nextCursor: string | null };
export const activityKey = (brandId: string, dropId?: string, cursor?: string) =>
  `/api/admin/brands/${brandId}/activity?limit=${ACTIVITY_PAGE_SIZE}${dropId ? `&dropId=${dropId}` : ""}${cursor ? `&cursor=${cursor}` : ""}`;

/**
 * One page of a brand's (or one drop's) activity, newest first. With `live`, it polls every 5 s
 * while the tab is visible, so an action just taken shows up; older pages never change.
 */
export function useActivity(
  brandId: string,
  {
    dropId,
    cursor,
    fallbackData,
    live,
  }: { dropId?: string; cursor?: string; fallbackData?: ActivityPage; live: boolean },
) {
  return useSWR<ActivityPage>(activityKey(brandId, dropId, cursor), fetcher, {
    fallbackData,
    refreshInterval: live ? 5000 : 0,
  });
}

export const queueStatsKey = (dropId: string) => `/api/admin/drops/${dropId}/queue`;

/** A drop's waiting room for the live view: every 2 s (its figures move with each admission). */
export function useQueueStats(dropId: string) {
  return useSWR<QueueStats>(queueStatsKey(dropId), fetcher, { refreshInterval: 2000, dedupingInterval: 500 });
}
