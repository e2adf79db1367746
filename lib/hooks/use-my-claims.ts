"use client";

import useSWR from "swr";
import { api } from "@/lib/hooks/fetcher";
import type { Claim } from "@/lib/schemas/claim";

type MyClaims = { claims: Claim[] };

export const myClaimsKey = (dropId: string, token: string) =>
  [`/api/drops/${dropId}/claims/me`, token] as const;

/** The claims this tab's shopper holds on a drop. */
export function useMyClaims(dropId: string, token: string | undefined) {
  return useSWR(token ? myClaimsKey(dropId, token) : null, ([url, t]) => api<MyClaims>(url, { token: t }));
}

/** The list with the server's newer copy of `claim` in place of the old one (or added, oldest first). */
export function withClaim(list: MyClaims | undefined, claim: Claim): MyClaims {
  const claims = list?.claims ?? [];
  return claims.some((c) => c.id === claim.id)
    ? { claims: claims.map((c) => (c.id === claim.id ? claim : c)) }
    : { claims: [...claims, claim] };
}
