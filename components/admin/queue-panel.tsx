"use client";

import { useId, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { formatCount } from "@/lib/format";
import { updateDrop, useAction } from "@/lib/hooks/actions";
import { useQueueStats } from "@/lib/hooks/use-admin";

/**
 * A drop's waiting room in the live view: joined, waiting, admitted, passes used and unused, and for
 * a manager the rate, changed while live (the line's admissions follow from the change on).
 */
export function QueuePanel({ dropId, canWrite }: { dropId: string; canWrite: boolean }) {
  const { data, mutate } = useQueueStats(dropId);
  const figures = data
    ? ([
        ["Joined", data.joined],
        ["Waiting", data.waiting],
        ["Admitted", data.admitted],
        ["Passes used", data.passesUsed],
        ["Passes unused", data.passesUnused],
      ] as const)
    : [];
  return (
    <Panel id="queue" title="Waiting room">
      {data ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {figures.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-zinc-500">{label}</dt>
                <dd
                  data-testid={`queue-${label.toLowerCase().replace(" ", "-")}`}
                  className="text-xl font-bold tabular-nums"
                >
                  {formatCount(value)}
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-zinc-600">
            {data.paused
              ? "Admission is paused with the drop."
              : `Admitting ${formatCount(data.admitPerMinute)} a minute${data.drawn ? "" : ", from the start (the pre-queue is drawn then)"}.`}
            {data.changes.map((change, i) => (
              // Passes already handed out ahead of their turns stay right: a change waits for them.
              <span key={`${change.at}.${i}`} data-testid="queue-change">
                {" "}
                From <LocalTime iso={change.at} seconds />
                {change.paused ? ": paused." : `: ${formatCount(change.admitPerMinute)} a minute.`}
              </span>
            ))}
          </p>
          {canWrite && (
            <RateForm
              key={data.changes.at(-1)?.admitPerMinute ?? data.admitPerMinute}
              dropId={dropId}
              rate={data.changes.at(-1)?.admitPerMinute ?? data.admitPerMinute}
              onSaved={() => void mutate()}
            />
          )}
        </>
      ) : (
        <p className="text-sm text-zinc-500">Loading the line…</p>
      )}
    </Panel>
  );
}

function RateForm({ dropId, rate, onSaved }: { dropId: string; rate: number; onSaved: () => void }) {
  const id = useId();
  const [value, setValue] = useState(String(rate));
  const { busy, error, run } = useAction();
  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run(async () => {
      await updateDrop(dropId, { waitingRoom: { admitPerMinute: Number(value) } });
      onSaved();
    });
  }
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-2" noValidate>
      <label htmlFor={id} className="block text-sm">
        <span className="font-medium">Admit per minute</span>
        <input
          id={id}
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1 block w-32 rounded-lg border border-zinc-300 px-3 py-2"
        />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-lg bg-zinc-900 px-3 py-2 text-sm font-semibold text-white disabled:bg-zinc-300"
      >
        {busy ? "Saving…" : "Change the rate"}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-rose-700">
          {error}
        </p>
      )}
    </form>
  );
}
