"use client";

import useSWR from "swr";
import { checkDraw, DrawFetchError, type DrawCheck } from "@/lib/draw/fetch-draw";

/** The proof page's cache entry: the draw read and recomputed (lib/draw/fetch-draw.ts), not the raw answer. */
export const drawProofKey = (dropId: string) => ["draw-proof", dropId] as const;

/** Reads the draw from this site (same origin) and, once drawn, its entries and drop, and verifies it. */
const drawProofFetcher = ([, dropId]: ReturnType<typeof drawProofKey>): Promise<DrawCheck> =>
  checkDraw({ baseUrl: "", dropId, fetch: (url, init) => fetch(url, init) });

/** Every few seconds until it is drawn, then never: a drawn draw does not change. */
const POLL_MS = 3000;

/**
 * A draw's proof, checked in this browser. Polls while the draw is open or closed; stops once it is
 * drawn, and on an answer that will not change (a 404: no such drop, or not a draw).
 */
export function useDrawProof(dropId: string) {
  return useSWR<DrawCheck, Error>(drawProofKey(dropId), drawProofFetcher, {
    refreshInterval: (check) => (check?.drawn ? 0 : POLL_MS),
    refreshWhenHidden: false,
    revalidateOnFocus: false,
    shouldRetryOnError: (err) => !(err instanceof DrawFetchError && err.status === 404),
  });
}
