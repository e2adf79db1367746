import Link from "next/link";
import { LatencyHistogram } from "@/components/admin/latency-histogram";
import { IN_FLIGHT } from "@/lib/race-arena";
import type { ArenaPhase } from "@/lib/race-arena";
import type { ArenaSummary } from "@/lib/race-summary";
import type { Stock } from "@/lib/schemas/drop";
import { Stat } from "@/components/ui/stat";

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
  const refusals = Object.entries(s.refusals).sort((a, b) => b[1] - a[1]);

  return (
    <section
      aria-labelledby="race-live-heading"
      className="space-y-5 rounded-2xl border border-zinc-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="race-live-heading" className="text-lg font-bold">
          Live
        </h2>
        {s.drop && (
          <Link
            href={`/admin/drops/${s.drop.id}`}
            data-testid="race-drop-link"
            data-drop-id={s.drop.id}
            className="text-sm font-semibold text-brand hover:underline"
          >
            {s.drop.name} <span className="font-mono text-xs">({s.drop.id})</span> ↗
          </Link>
        )}
      </div>
      <p role="status" className="text-sm font-medium">
        {phaseText[s.phase]}
      </p>
      {s.error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          ✗ {s.error}
        </p>
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
        <div className="rounded-xl bg-zinc-50 p-3">
          <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Stock left (server)</dt>
          <dd data-testid="race-remaining" className="text-3xl font-black tabular-nums">
            {remaining}
          </dd>
          <dd className="text-xs text-zinc-500">of {total}</dd>
          <dd aria-hidden className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-200">
            <div
              className="h-full bg-brand transition-[width] duration-300"
              style={{ width: `${total ? (remaining / total) * 100 : 0}%` }}
            />
          </dd>
        </div>
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

      <div className="grid gap-5 md:grid-cols-[16rem_1fr]">
        <table className="h-fit w-full text-sm">
          <caption className="pb-2 text-left font-semibold">Refused, by reason code</caption>
          <tbody aria-live="polite">
            {refusals.length === 0 && (
              <tr className="border-t border-zinc-100">
                <td className="py-1.5 text-zinc-500">None yet</td>
              </tr>
            )}
            {refusals.map(([code, n]) => (
              <tr key={code} className="border-t border-zinc-100">
                <th scope="row" className="py-1.5 text-left font-mono text-xs font-normal text-zinc-600">
                  {code}
                </th>
                <td data-testid={`race-refused-${code}`} className="py-1.5 text-right font-mono tabular-nums">
                  {n}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
    </section>
  );
}
