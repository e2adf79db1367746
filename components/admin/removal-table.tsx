import { RemovalConfirm, type ConfirmedRemoval } from "@/components/admin/confirmed-removal";
import { fromMd } from "@/components/admin/narrow-columns";

/**
 * A brand's list whose rows can be removed (members, API tokens): the table with its headings, then
 * why the last removal failed and the dialog that confirms the next. The last column, the rows'
 * buttons, is named for screen readers only.
 */
export function RemovalTable<T>({
  caption,
  columns,
  lastColumn,
  removal,
  confirm,
  children,
}: {
  caption: string;
  /** Headings; `{ label, wide: true }` for a column shown from `md` on (its cells use `fromMd`). */
  columns: (string | { label: string; wide: true })[];
  lastColumn: string;
  removal: ConfirmedRemoval<T>;
  confirm: { title: string; label: string; body: (item: T) => React.ReactNode };
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-3">
      {/* relative: the sr-only labels inside are clipped by this box, not the page (no sideways scroll) */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              {columns.map((c) =>
                typeof c === "string" ? (
                  <th key={c} scope="col" className="py-2 pr-3">
                    {c}
                  </th>
                ) : (
                  <th key={c.label} scope="col" className={`${fromMd} py-2 pr-3`}>
                    {c.label}
                  </th>
                ),
              )}
              <th scope="col" className="py-2 pr-3">
                <span className="sr-only">{lastColumn}</span>
              </th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      <RemovalConfirm removal={removal} title={confirm.title} confirmLabel={confirm.label}>
        {confirm.body}
      </RemovalConfirm>
    </div>
  );
}
