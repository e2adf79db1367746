"use client";

import { useCallback, useRef, useState } from "react";
import useSWR from "swr";
import { stockKey, useStockFetcher, type LiveStock } from "@/lib/hooks/use-stock";
import { newArenaState, runArenaRace } from "@/lib/race/arena";
import { summarize, type ArenaSummary } from "@/lib/race/summary";
import type { RaceArenaInput } from "@/lib/schemas/race";

const REDRAW_MS = 200;

/** Runs one race at a time in this tab; the summary is redrawn every 200 ms, not on each of thousands of answers. */
export function useArenaRace() {
  const [summary, setSummary] = useState<ArenaSummary>();
  const running = useRef(false);
  const start = useCallback(async (input: RaceArenaInput) => {
    if (running.current) return;
    running.current = true;
    const state = newArenaState(input);
    const redraw = () => setSummary(summarize(state));
    redraw();
    const timer = setInterval(redraw, REDRAW_MS);
    try {
      await runArenaRace(state);
    } finally {
      clearInterval(timer);
      redraw();
      running.current = false;
    }
  }, []);
  return { summary, start };
}

/**
 * The race drop's stock as the server reports it: polled twice a second while the race runs (the
 * server caches it for ≤ 1 s), in background tabs too, and not at all before or after.
 */
export function useRaceStock(dropId: string | undefined, polling: boolean) {
  return useSWR<LiveStock>(dropId ? stockKey(dropId) : null, useStockFetcher(), {
    refreshInterval: polling ? 500 : 0,
    refreshWhenHidden: true,
    revalidateOnFocus: false,
    dedupingInterval: 250,
  });
}
