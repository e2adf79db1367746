import type { Bucket, Latency } from "@/lib/race/stats";

const label = (b: Bucket) => (b.to === undefined ? `≥ ${ms(b.from)}` : `< ${ms(b.to)}`);
const ms = (v: number) => (v >= 1000 ? `${v / 1000} s` : `${v} ms`);

/** Claims per latency bucket as CSS bars; every bar's count is written out, so the bars are decoration. */
export function LatencyHistogram({
  buckets,
  latency: l,
  samples,
}: {
  buckets: Bucket[];
  latency: Latency;
  samples: number;
}) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return (
    <figure className="@container space-y-2">
      <figcaption className="text-sm font-semibold">
        Latency of {samples} claims{" "}
        <span className="font-normal text-zinc-500">
          · p50 {l.p50} ms · p90 {l.p90} ms · p99 {l.p99} ms · max {l.max} ms
        </span>
      </figcaption>
      <ol data-testid="latency-histogram" className="flex h-44 items-stretch gap-1 border-b border-zinc-200">
        {buckets.map((b) => (
          <li key={b.from} className="flex min-w-0 flex-1 flex-col justify-end text-center">
            <span className="text-[10px] tabular-nums text-zinc-600">{b.count || ""}</span>
            <span
              aria-hidden
              className="block rounded-t bg-zinc-800"
              style={{ height: `${(b.count / max) * 80}%`, minHeight: b.count ? 2 : 0 }}
            />
            <span className="sr-only">
              {label(b)}: {b.count} claims
            </span>
          </li>
        ))}
      </ol>
      {/* Twelve labels side by side need ~36rem; in a narrower figure (a phone) they stand upright,
          read bottom to top, so every label is whole instead of cut. */}
      <ol aria-hidden data-testid="latency-labels" className="flex gap-1">
        {buckets.map((b) => (
          <li key={b.from} className="flex min-w-0 flex-1 justify-center">
            <span className="whitespace-nowrap text-[10px] leading-none text-zinc-500 @max-xl:rotate-180 @max-xl:[writing-mode:vertical-rl]">
              {label(b)}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
