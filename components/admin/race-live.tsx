import Link from "next/link";
import { LatencyHistogram } from "@/components/admin/latency-histogram";
import { RaceDelete } from "@/components/admin/race-delete";
import { RefusalsTable } from "@/components/admin/refusals-table";
import { Panel } from "@/components/ui/panel";
import { Stat } from "@/components/ui/stat";
import { IN_FLIGHT } from "@/lib/race/arena";
import type { ArenaPhase } from "@/lib/race/arena";
import type { ArenaSummary } from "@/lib/race/summary";
import type { Stock } from "@/lib/schemas/drop";

const phaseText: Record<ArenaPhase, string> = {
  creating: "Creating the race drop…",
  minting: "Minting the virtual shoppers…",
  waiting: "On your marks: waiting for the drop's start on the server's clock…",
  racing: "Racing: every claim is in flight…",
  auditing: "Checking every shopper's claims and the stock on the server…",
  done: "Race over.",
  failed: "The race stopped.",
};

/** The race as it runs: stock from the server, winners and refusals from the answers, latency. */
export function RaceLive({ summary: s, stock }: { summary: ArenaSummary; stock?: Stock }) {
  const total = s.drop?.totalStock ?? 0;
  const remaining = s.audit?.stockAfter ?? stock?.remainingStock ?? total;

  return (
    <Panel
      id="race-live"
      title="Live"
      space="space-y-5"
      row="flex flex-wrap items-baseline justify-between gap-3"
      aside={
        s.drop && (
          <Link
            href={`/admin/drops/${s.drop.id}`}
            data-testid="race-drop-link"
            data-drop-id={s.drop.id}
            className="text-sm font-semibold text-brand hover:underline"
          >
            {s.drop.name} <span className="font-mono text-xs">({s.drop.id})</span> ↗
          </Link>
        )
      }
    >
      <p role="status" className="text-sm font-medium">
        {phaseText[s.phase]}
      </p>
      {s.error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          ✗ {s.error}
        </p>
      )}
      {s.drop && (s.phase === "done" || s.phase === "failed") && (
        <RaceDelete key={s.drop.id} dropId={s.drop.id} name={s.drop.name} />
      )}
      <div className="space-y-1">
        <label htmlFor="race-progress" className="block text-xs text-zinc-600">
          {s.progress.label}
        </label>
        <progress
          id="race-progress"
          value={s.progress.value}
          max={s.progress.max}
          className="block h-2 w-full appearance-none overflow-hidden rounded-full [&::-moz-progress-bar]:bg-zinc-900 [&::-webkit-progress-bar]:bg-zinc-200 [&::-webkit-progress-value]:bg-zinc-900"
        />
      </div>

      <dl aria-live="polite" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Stock left (server)" value={remaining} sub={`of ${total}`} testId="race-remaining">
          <dd aria-hidden className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-200">
            <div
              className="h-full bg-brand transition-[width] duration-300"
              style={{ width: `${total ? (remaining / total) * 100 : 0}%` }}
            />
          </dd>
        </Stat>
        <Stat
          label="Winners"
          value={s.winners}
          sub={`${s.units} units claimed${s.replays ? `, ${s.replays} replays` : ""}`}
          testId="race-winners"
        />
        <Stat
          label="Answers"
          value={s.answered}
          sub={`of ${s.attempts || "…"} attempts (${s.shoppers} shoppers)`}
          testId="race-answered"
        />
        <Stat
          label="5xx / no answer"
          value={s.serverErrors}
          sub={s.claimsPerSecond ? `${s.claimsPerSecond} claims/s` : "must stay 0"}
          testId="race-5xx"
        />
      </dl>

      <div className="grid gap-5 md:grid-cols-[16rem_1fr] [&>*]:min-w-0">
        <RefusalsTable variant="codes" counts={s.refusals} />
        <LatencyHistogram buckets={s.wire.buckets} latency={s.wire.latency} samples={s.wire.samples} />
      </div>
      <p className="text-xs text-zinc-500">
        Latency is each claim&apos;s time on the wire (the browser&apos;s Resource Timing: request sent →
        answer received). Click to answer, including the time a claim waited in this browser: p50{" "}
        {s.roundTrip.p50} ms · p99 {s.roundTrip.p99} ms. {IN_FLIGHT} claims are in flight at once
        {s.protocol === "http/1.1"
          ? "; over HTTP/1.1 the browser opens at most 6 connections to one host, so at most 6 are on the wire and the rest queue in the browser."
          : s.protocol
            ? ` over ${s.protocol}.`
            : "."}
      </p>
    </Panel>
  );
}
