"use client";

import useSWR from "swr";
import { api } from "@/lib/hooks/fetcher";
import type { Claim } from "@/lib/schemas/claim";

export const myClaimsKey = (dropId: string, token: string) =>
  [`/api/drops/${dropId}/claims/me`, token] as const;

/** The claims this tab's shopper holds on a drop. */
export function useMyClaims(dropId: string, token: string | undefined) {
  return useSWR(token ? myClaimsKey(dropId, token) : null, ([url, t]) =>
    api<{ claims: Claim[] }>(url, { token: t }),
  );
}
