import { useId } from "react";

const W = 640;
const H = 180;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/** Units claimed (a draw: entries) per second since the start, as an inline SVG (no chart library, no CDN). */
export function SalesChart({
  series,
  bucketSeconds,
  of = "claims",
}: {
  series: number[];
  bucketSeconds: number;
  of?: "claims" | "entries";
}) {
  const what = of === "entries" ? "Entries" : "Units claimed";
  const counted = of === "entries" ? "entries" : "units";
  const titleId = useId();
  const descId = useId();
  const max = Math.max(1, ...series);
  const peak = Math.max(0, ...series);
  const n = Math.max(series.length, 2);
  const x = (i: number) => PAD.left + (i / (n - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const line = series.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const seconds = series.length * bucketSeconds;
  const total = series.reduce((sum, v) => sum + v * bucketSeconds, 0);
  const unit = bucketSeconds === 1 ? "second" : `${bucketSeconds} seconds (averaged)`;

  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid="sales-chart"
        className="h-auto w-full rounded-lg border border-zinc-200 bg-white"
      >
        <title id={titleId}>{what} per second since the start</title>
        <desc id={descId}>
          {series.length === 0
            ? "The drop has not started yet."
            : `${Math.round(total)} ${counted} over ${formatSpan(seconds)}; peak ${round(peak)} per second. One point per ${unit}.`}
        </desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e4e4e7" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#71717a">
              {round(max * f)}
            </text>
          </g>
        ))}
        {series.length > 0 && (
          <polyline points={line} fill="none" stroke="#e11d48" strokeWidth="2" strokeLinejoin="round" />
        )}
        {series.map((v, i) =>
          v > 0 ? (
            <circle key={i} data-testid="chart-point" cx={x(i)} cy={y(v)} r="3" fill="#9f1239" />
          ) : null,
        )}
        <text x={PAD.left} y={H - 8} fontSize="11" fill="#71717a">
          start
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="11" fill="#71717a">
          {series.length ? `+${formatSpan(seconds)}` : ""}
        </text>
      </svg>
      <figcaption className="text-xs text-zinc-500">
        {what} per second since the start; one point per {unit}.
      </figcaption>
    </figure>
  );
}

const round = (v: number) => (v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));

function formatSpan(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
