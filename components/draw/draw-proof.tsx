"use client";

import { beaconRoundUrl } from "@/lib/draw/beacon";
import { formatCount } from "@/lib/format";
import type { DrawCheck } from "@/lib/draw/fetch-draw";
import { useDrawProof } from "@/lib/hooks/use-draw-proof";
import type { PublishedDraw } from "@/lib/schemas/draw";

const statusWords: Record<PublishedDraw["status"], string> = {
  open: "Entries are open",
  closed: "Entries are closed: the draw comes next",
  drawn: "Drawn",
};

/** The draw of `dropId`, read from the API and recomputed in this browser with verifyDraw. */
export function DrawProof({ dropId }: { dropId: string }) {
  const { data, error } = useDrawProof(dropId);
  // A failed poll keeps what was read; only a draw never read shows the error.
  if (error && !data)
    return (
      <p
        data-testid="proof-error"
        role="alert"
        className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-rose-900"
      >
        {error.message}
      </p>
    );
  if (!data)
    return (
      <p aria-live="polite" className="text-zinc-600">
        Reading the draw and checking it…
      </p>
    );
  return (
    <section aria-labelledby="draw-heading" className="space-y-4">
      <h2 id="draw-heading" className="text-lg font-bold">
        The draw
      </h2>
      <p data-testid="draw-status">
        <span className="font-semibold">Status:</span> {statusWords[data.draw.status]}
      </p>
      {data.drawn ? <Drawn check={data} /> : <NotDrawn draw={data.draw} />}
    </section>
  );
}

function NotDrawn({ draw }: { draw: PublishedDraw }) {
  return (
    <>
      <p aria-live="polite" className="rounded-xl border border-zinc-200 bg-white p-4 text-zinc-700">
        The proof appears here once the draw is made; this page checks every few seconds. The commitment below
        is fixed already: the seed it hides decides the draw with the beacon.
      </p>
      <Values
        rows={[
          ["Commitment", <Hex key="c" value={draw.commitment} />],
          ["Beacon", <Beacon key="b" draw={draw} />],
          ["Entries so far", formatCount(draw.entryCount)],
        ]}
      />
    </>
  );
}

function Drawn({ check }: { check: Extract<DrawCheck, { drawn: true }> }) {
  const { draw, verdict, units, entryIds } = check;
  return (
    <>
      <div
        data-testid="proof-verdict"
        role="status"
        className={`rounded-xl border p-4 ${verdict.ok ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-rose-300 bg-rose-50 text-rose-900"}`}
      >
        {verdict.ok ? (
          <p>
            <span className="font-bold">✓ Verified.</span> This browser recomputed the draw from what DropRush
            publishes: the seed matches the commitment, the beacon round is genuine, the entries hash to the
            published value and the winners are the ones the formulas give.
          </p>
        ) : (
          <>
            <p className="font-bold">✗ Not verified. What differs:</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {verdict.differences.map((difference) => (
                <li key={difference}>{difference}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <Values
        rows={[
          ["Commitment", <Hex key="c" value={draw.commitment} />],
          ["Seed", draw.seed === undefined ? "not published" : <Hex key="s" value={draw.seed} />],
          ["Beacon", <Beacon key="b" draw={draw} />],
          [
            "Entries hash",
            draw.entriesHash === undefined ? "not published" : <Hex key="h" value={draw.entriesHash} />,
          ],
          ["Entries", `${formatCount(entryIds.length)} (published count ${formatCount(draw.entryCount)})`],
          ["Units", formatCount(units)],
        ]}
      />
      <section aria-labelledby="winners-heading" className="space-y-2">
        <h3 id="winners-heading" className="font-bold">
          Winners, in order
        </h3>
        {draw.winners?.length ? (
          <ol data-testid="winners" className="list-decimal space-y-0.5 pl-6 font-mono text-sm">
            {draw.winners.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ol>
        ) : (
          <p className="text-zinc-600">No winners published.</p>
        )}
      </section>
    </>
  );
}

function Beacon({ draw }: { draw: PublishedDraw }) {
  const beacon = draw.beacon;
  if (!beacon)
    return (
      <>
        No beacon: the randomness is empty (as in local development), so the seed alone decides the draw and
        only its commitment binds it.
      </>
    );
  return (
    <span className="space-y-1">
      <span className="block">
        drand {beacon.network}, round {beacon.round} (
        <a href={beaconRoundUrl(beacon.round)} className="underline hover:no-underline">
          read the round from drand
        </a>
        )
      </span>
      {beacon.randomness !== undefined && (
        <span className="block">
          randomness <Hex value={beacon.randomness} />
        </span>
      )}
    </span>
  );
}

/** A long hex value: monospace, broken anywhere, selectable whole. */
const Hex = ({ value }: { value: string }) => <code className="break-all font-mono text-sm">{value}</code>;

function Values({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 rounded-xl border border-zinc-200 bg-white p-4 sm:grid-cols-[10rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold text-zinc-600">{term}</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
