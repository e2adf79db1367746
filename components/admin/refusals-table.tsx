import { claimRefusals, type ClaimRefusal } from "@/lib/errors";

const reasonLabel: Record<ClaimRefusal, string> = {
  SOLD_OUT: "Sold out",
  NOT_STARTED: "Not started yet",
  LIMIT_REACHED: "Over the per-shopper limit",
  PAUSED: "Paused",
  ENDED: "Ended",
  TOO_MANY_EXPIRED_HOLDS: "Let too many holds expire",
};

type Props =
  /** The drop's live view: every reason, in words, zero included. */
  | { variant: "reasons"; counts: Partial<Record<ClaimRefusal, number>> }
  /** The race: the codes the answers carried, most frequent first. */
  | { variant: "codes"; counts: Record<string, number> };

/** Refused claim attempts, by reason. */
export function RefusalsTable(props: Props) {
  const rows =
    props.variant === "reasons"
      ? claimRefusals.map((code) => ({ code, label: reasonLabel[code], n: props.counts[code] ?? 0 }))
      : Object.entries(props.counts)
          .sort((a, b) => b[1] - a[1])
          .map(([code, n]) => ({ code, label: code, n }));
  const codes = props.variant === "codes";
  return (
    <table className="h-fit w-full text-sm">
      <caption className="pb-2 text-left font-semibold">
        {codes ? "Refused, by reason code" : "Refused, by reason"}
      </caption>
      <tbody aria-live={codes ? "polite" : undefined}>
        {codes && rows.length === 0 && (
          <tr className="border-t border-zinc-100">
            <td className="py-1.5 text-zinc-500">None yet</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.code} className="border-t border-zinc-100">
            <th
              scope="row"
              className={
                codes
                  ? "py-1.5 text-left font-mono text-xs font-normal text-zinc-600"
                  : "py-1.5 text-left font-normal text-zinc-600"
              }
            >
              {r.label}
            </th>
            <td
              data-testid={`${codes ? "race-refused" : "refused"}-${r.code}`}
              className="py-1.5 text-right font-mono tabular-nums"
            >
              {r.n}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
