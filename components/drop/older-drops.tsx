"use client";

import { DropCard } from "@/components/drop/drop-card";
import { useOlderDrops } from "@/lib/hooks/use-older-drops";

const grid = "grid gap-6 sm:grid-cols-2 lg:grid-cols-3";

/**
 * "Older drops" under a list's past drops: each press appends the next page of ended drops (12),
 * read from the list's API with the page's cursor; the button goes once there are no more.
 */
export function OlderDrops({ url, cursor, serverTime }: { url: string; cursor: string; serverTime: string }) {
  const { data, error, size, setSize, mutate } = useOlderDrops(url, cursor);
  const pages = data ?? [];
  const shown = pages.flatMap((page, i) => page.drops.map((drop) => ({ key: `${i}:${drop.id}`, drop })));
  const loading = !error && pages.length < size;
  const more = size === 0 || pages.at(-1)?.nextCursor != null;
  return (
    <>
      {shown.length > 0 && (
        <div data-testid="older-drops" className={grid}>
          {shown.map(({ key, drop }) => (
            <DropCard key={key} drop={drop} serverTime={serverTime} />
          ))}
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {pages.length > 0 && !loading ? `${shown.length} older drops shown.` : ""}
      </p>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load older drops: {error instanceof Error ? error.message : "unknown error"}{" "}
          <button type="button" onClick={() => void mutate()} className="font-semibold underline">
            Try again
          </button>
        </p>
      )}
      {(more || loading) && !error && (
        <button
          type="button"
          disabled={loading}
          onClick={() => void setSize(size + 1)}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 font-semibold hover:bg-zinc-50 disabled:opacity-60"
        >
          {loading ? "Loading older drops…" : "Older drops"}
        </button>
      )}
    </>
  );
}
