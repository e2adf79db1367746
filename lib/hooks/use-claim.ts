"use client";

import useSWR from "swr";
import { api } from "@/lib/hooks/fetcher";
import type { Claim } from "@/lib/schemas/claim";

/** One of this tab's shopper's claims (the API answers 404 for anyone else's). */
export function useClaim(claimId: string, token: string | undefined) {
  return useSWR(token ? [`/api/claims/${claimId}`, token] : null, ([url, t]) =>
    api<{ claim: Claim }>(url, { token: t }),
  );
}
