"use client";

import useSWR from "swr";
import { fetcher } from "@/lib/hooks/fetcher";
import type { AdminClaimsPage, DropMetrics } from "@/lib/schemas/drop-admin";

export const metricsKey = (dropId: string) => `/api/admin/drops/${dropId}/metrics`;
export const CLAIMS_PAGE_SIZE = 20;
export const adminClaimsKey = (dropId: string, cursor?: string) =>
  `/api/admin/drops/${dropId}/claims?limit=${CLAIMS_PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ""}`;
/** The same claims, all of them, as a CSV download (a plain link, not an SWR read). */
export const adminClaimsCsvUrl = (dropId: string) => `/api/admin/drops/${dropId}/claims?format=csv`;

/**
 * The live view's one poll: every second while the drop can change; stops once it has ended
 * (and while it is a draft) and while the tab is hidden: an admin view need not poll in the background.
 */
export function useDropMetrics(dropId: string, fallbackData?: DropMetrics) {
  return useSWR<DropMetrics>(metricsKey(dropId), fetcher, {
    fallbackData,
    refreshInterval: (d) => (d?.status === "ended" || d?.status === "draft" ? 0 : 1000),
    dedupingInterval: 500,
  });
}

/** One page of a drop's claims (oldest first); `cursor` comes from the previous page. */
export function useAdminClaims(dropId: string, cursor: string | undefined) {
  return useSWR<AdminClaimsPage>(adminClaimsKey(dropId, cursor), fetcher, { keepPreviousData: true });
}
