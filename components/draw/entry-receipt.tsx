import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import type { MyEntry } from "@/lib/schemas/entry";

/** This shopper's entry and its signed receipt, to keep: it proves they entered, whatever is published. */
export function EntryReceipt({ mine }: { mine: Pick<MyEntry, "entry" | "receipt"> }) {
  const json = JSON.stringify(mine.receipt, null, 2);
  return (
    <div data-testid="entry-receipt" className="space-y-2 rounded-xl border border-zinc-200 p-4 text-sm">
      <p>
        Entry <span className="break-all font-mono font-semibold">{mine.entry.id}</span>, entered{" "}
        <LocalTime iso={mine.entry.createdAt} seconds />.
      </p>
      <details>
        <summary className="cursor-pointer font-semibold">Your signed receipt</summary>
        <p className="mt-2 text-zinc-600">
          Signed by DropRush: should your entry be missing from the published list, it proves you entered.
        </p>
        {/* Wrapped, not scrolled: the signature's 128 hex digits would widen a phone's page. */}
        <pre className="mt-2 whitespace-pre-wrap break-all rounded-lg bg-zinc-100 p-3 font-mono text-xs">
          {json}
        </pre>
      </details>
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={json} label="Copy receipt" />
      </div>
    </div>
  );
}
