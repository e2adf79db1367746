/** One big live number with its label, for the admin's live views. */
export function Stat({
  label,
  value,
  sub,
  testId,
}: {
  label: string;
  value: string | number;
  sub: string;
  testId: string;
}) {
  return (
    <div className="rounded-xl bg-zinc-50 p-3">
      <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="text-3xl font-black tabular-nums">
        {value}
      </dd>
      <dd className="text-xs text-zinc-500">{sub}</dd>
    </div>
  );
}
