import { CopyButton } from "@/components/ui/copy-button";

/** A secret the server keeps only the hash of (an API token): shown here this once. */
export function ShownOnce({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note: React.ReactNode;
  testId: string;
}) {
  return (
    <div className="space-y-2 rounded-xl border border-emerald-300 bg-emerald-50 p-4">
      <p className="text-sm font-semibold text-emerald-900">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label={label}
          data-testid={testId}
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <CopyButton text={value} />
      </div>
      <p className="text-xs text-emerald-900">{note}</p>
    </div>
  );
}
