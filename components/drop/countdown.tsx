import { formatDuration } from "@/lib/format";

/** Time left until `target` on the server's clock (serverNow is already offset). */
export function Countdown({
  label,
  target,
  serverNow,
}: {
  label: string;
  target: number;
  serverNow: number;
}) {
  return (
    <p className="text-sm text-zinc-600">
      {label}{" "}
      <time
        suppressHydrationWarning
        data-testid="countdown"
        dateTime={new Date(target).toISOString()}
        className="font-mono text-2xl font-bold tabular-nums text-zinc-900"
      >
        {formatDuration(target - serverNow)}
      </time>
    </p>
  );
}
