"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import { drawProgress } from "@/components/admin/draw-progress";
import { actionButtonClass } from "@/components/admin/drop-action-buttons";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { formatCount } from "@/lib/format";
import { drawNow, useAction } from "@/lib/hooks/actions";
import type { ApiError } from "@/lib/hooks/fetcher";
import { metricsKey, useDrawClaims } from "@/lib/hooks/use-admin";
import { useDraw } from "@/lib/hooks/use-draw";
import type { PublishedDraw } from "@/lib/schemas/draw";

const statusText: Record<PublishedDraw["status"], string> = {
  open: "Entries open",
  closed: "Entries closed: the draw runs 20 s after the close",
  drawn: "Drawn",
};

/** DRAW_NOT_READY says when the draw can run: in the admin's zone, not as a bare ISO string. */
function drawableAt(e: ApiError): string | undefined {
  const at = (e.details as { drawableAt?: unknown } | undefined)?.drawableAt;
  return e.code === "DRAW_NOT_READY" && typeof at === "string" ? at : undefined;
}

/** A draw drop's draw: its status and entries, the commitment, then winners and the waitlist's progress. */
export function DrawPanel({ dropId, canWrite }: { dropId: string; canWrite: boolean }) {
  const { data: draw, mutate } = useDraw(dropId, undefined, { live: true });
  const drawn = draw?.status === "drawn";
  const winners = draw?.winners ?? [];
  const { data: claims } = useDrawClaims(dropId, { enabled: drawn, live: drawn });
  const progress = drawProgress(claims?.claims ?? [], winners.length);
  // The live view and the claims table follow claims made by shoppers: the draw's holds, made by
  // the draw and the sweeper, reload them here whenever they move.
  const { mutate: reload } = useSWRConfig();
  const moved = JSON.stringify(progress);
  useEffect(() => {
    void reload(metricsKey(dropId));
    void reload((key) => typeof key === "string" && key.startsWith(`/api/admin/drops/${dropId}/claims?`));
  }, [moved, dropId, reload]);
  const [notReady, setNotReady] = useState<string>();
  const { busy, error, run } = useAction({
    fallback: "The draw did not run.",
    describe: (e) => `${e.message} (${e.code})`,
  });

  async function press() {
    setNotReady(undefined);
    const outcome = await run(async () => {
      const answer = await drawNow(dropId);
      await mutate(answer.draw, { revalidate: false });
    });
    if (!outcome.ok && outcome.error) setNotReady(drawableAt(outcome.error));
  }

  if (!draw) return null;
  return (
    <Panel id="draw" title="Draw">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Status</dt>
        <dd data-testid="draw-status">{statusText[draw.status]}</dd>
        <dt className="font-semibold">Entries</dt>
        <dd data-testid="draw-entries" aria-live="polite">
          {formatCount(draw.entryCount)}
        </dd>
        <dt className="font-semibold">Commitment</dt>
        <dd className="break-all font-mono text-xs">{draw.commitment}</dd>
        {drawn && (
          <>
            <dt className="font-semibold">Winners</dt>
            <dd data-testid="draw-winners">
              {winners.length} of {draw.units ?? winners.length} units: {progress.winners.held} holding,{" "}
              {progress.winners.confirmed} checked out, {progress.winners.ended} let their hold end
            </dd>
            <dt className="font-semibold">Waitlist</dt>
            <dd data-testid="draw-waitlist">
              {progress.backfills.total} backfilled ({progress.backfills.held} holding,{" "}
              {progress.backfills.confirmed} checked out, {progress.backfills.ended} ended);{" "}
              {Math.max(0, draw.entryCount - progress.offered)} still waiting
            </dd>
          </>
        )}
      </dl>
      {drawn && winners.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-semibold">Winning entries, in order</summary>
          <ol className="mt-2 list-decimal space-y-1 pl-6 font-mono text-xs">
            {winners.map((w) => (
              <li key={w} className="break-all">
                {w}
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {canWrite && draw.status === "closed" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void press()}
            className={`${actionButtonClass} border-violet-700 text-violet-800 hover:bg-violet-50`}
          >
            {busy ? "Drawing…" : "Draw now"}
          </button>
        )}
        {drawn && (
          <Link href={`/drops/${dropId}/proof`} className="text-sm font-semibold text-brand hover:underline">
            The proof ↗
          </Link>
        )}
      </div>
      <p role="status" aria-live="polite" data-testid="draw-answer" className="min-h-5 text-sm text-rose-700">
        {drawn ? null : notReady ? (
          <>
            Not yet: the draw can run from <LocalTime iso={notReady} seconds />.
          </>
        ) : (
          error
        )}
      </p>
    </Panel>
  );
}
