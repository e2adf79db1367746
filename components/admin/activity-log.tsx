"use client";

import Link from "next/link";
import { useState } from "react";
import { actionWords, actorWords } from "@/components/admin/activity-words";
import { LocalTime } from "@/components/ui/local-time";
import { Panel } from "@/components/ui/panel";
import { useActivity, type ActivityPage } from "@/lib/hooks/use-admin";
import type { ActivityNames } from "@/lib/schemas/brand";

type Props = {
  brandId: string;
  dropId?: string;
  initial: ActivityPage;
  names: ActivityNames;
  title?: string;
};

/** A brand's (or one drop's) activity, newest first; "Older" appends the next page. */
export function ActivityLog({ brandId, dropId, initial, names, title = "Activity" }: Props) {
  // Each shown page is its own SWR read, keyed by the cursor that led to it.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return (
    <Panel id={dropId ? "drop-activity" : "activity"} title={title} space="space-y-3">
      <ol data-testid="activity" className="divide-y divide-zinc-100 text-sm">
        {cursors.map((cursor, i) => (
          <ActivityRows
            key={cursor ?? "newest"}
            brandId={brandId}
            dropId={dropId}
            cursor={cursor}
            fallback={i === 0 ? initial : undefined}
            names={names}
            last={i === cursors.length - 1}
            // Only while the newest page is all there is: once older pages hang off its cursor, it stays put.
            live={cursors.length === 1}
            onOlder={(next) => setCursors((c) => [...c, next])}
          />
        ))}
      </ol>
    </Panel>
  );
}

function ActivityRows({
  brandId,
  dropId,
  cursor,
  fallback,
  names,
  last,
  live,
  onOlder,
}: {
  brandId: string;
  dropId?: string;
  cursor?: string;
  fallback?: ActivityPage;
  names: ActivityNames;
  last: boolean;
  live: boolean;
  onOlder: (cursor: string) => void;
}) {
  const { data, error } = useActivity(brandId, { dropId, cursor, fallbackData: fallback, live });
  const newest = cursor === undefined;
  return (
    <>
      {data?.events.map((e) => (
        <li
          key={e.id}
          data-testid="activity-event"
          data-action={e.action}
          className="flex flex-wrap items-baseline justify-between gap-x-3 py-2"
        >
          {/* One sentence for screen readers and copy-paste: "Ada published Aurora Runner". */}
          <span>
            <span className="font-semibold">{actorWords(e.actor, names.actors)}</span> {actionWords(e.action)}
            {e.dropId && !dropId && (
              <>
                {e.action === "order.refund" ? " of " : " "}
                <Link href={`/admin/drops/${e.dropId}`} className="font-medium text-brand hover:underline">
                  {names.drops[e.dropId] ?? `drop ${e.dropId}`}
                </Link>
              </>
            )}
            {e.detail && e.action === "member.join" && <span className="text-zinc-600"> as {e.detail}</span>}
            {e.detail && e.action === "order.refund" && (
              <span className="text-zinc-600"> (claim {e.detail.slice(0, 10)})</span>
            )}
          </span>
          <span className="text-xs whitespace-nowrap text-zinc-600">
            <LocalTime iso={e.at} seconds />
            {e.address && <> · from {e.address}</>}
          </span>
        </li>
      ))}
      {newest && data?.events.length === 0 && (
        <li className="py-4 text-center text-zinc-500">Nothing yet.</li>
      )}
      {error && (
        <li role="alert" className="py-2 text-rose-700">
          Could not load the activity: {error instanceof Error ? error.message : "unknown error"}
        </li>
      )}
      {last && data?.nextCursor && (
        <li className="pt-3">
          <button
            type="button"
            onClick={() => onOlder(data.nextCursor!)}
            className="rounded-lg border border-zinc-300 px-3 py-1.5 font-semibold hover:bg-zinc-50"
          >
            Older
          </button>
        </li>
      )}
    </>
  );
}
