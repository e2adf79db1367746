"use client";

import { RaceForm } from "@/components/admin/race-form";
import { RaceLive } from "@/components/admin/race-live";
import { RaceProof } from "@/components/admin/race-proof";
import { useArenaRace, useRaceStock } from "@/lib/race/use-race";

/** The arena: the form, then the race live, then its proof. One race at a time per tab. */
export function RaceArena() {
  const { summary, start } = useArenaRace();
  const running = summary !== undefined && summary.phase !== "done" && summary.phase !== "failed";
  const { data: stock } = useRaceStock(summary?.drop?.id, running);

  return (
    <div className="space-y-5">
      <RaceForm busy={running} onStart={(input) => void start(input)} />
      {summary && <RaceLive summary={summary} stock={stock} />}
      {summary?.audit && summary.drop && <RaceProof audit={summary.audit} drop={summary.drop} />}
    </div>
  );
}
