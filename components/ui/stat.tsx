/** One big live number with its label, for the admin's live views; `children` go under it (a bar). */
export function Stat({
  label,
  value,
  sub,
  testId,
  children,
}: {
  label: string;
  value: string | number;
  sub: string;
  testId: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="rounded-xl bg-zinc-50 p-3">
      <dt className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="text-3xl font-black break-words tabular-nums">
        {value}
      </dd>
      <dd className="text-xs text-zinc-500">{sub}</dd>
      {children}
    </div>
  );
}
