import { claimRefusals, defenceRefusals, type ClaimRefusal, type DefenceRefusal } from "@/lib/errors";

type Reason = ClaimRefusal | DefenceRefusal;
/** Every reason a claim is refused: the drop's rules, then the bot defences. */
export const refusalReasons: readonly Reason[] = [...claimRefusals, ...defenceRefusals];

const reasonLabel: Record<Reason, string> = {
  SOLD_OUT: "Sold out",
  NOT_STARTED: "Not started yet",
  LIMIT_REACHED: "Over the per-shopper limit",
  PAUSED: "Paused",
  ENDED: "Ended",
  TOO_MANY_EXPIRED_HOLDS: "Let too many holds expire",
  RATE_LIMITED: "Rate limited (one network)",
  CHALLENGE_REQUIRED: "No proof of work",
  CHALLENGE_INVALID: "Proof of work wrong, expired or reused",
};

type Props =
  /** The drop's live view: every reason, in words, zero included. */
  | { variant: "reasons"; counts: Partial<Record<Reason, number>> }
  /** The race: the codes the answers carried, most frequent first. */
  | { variant: "codes"; counts: Record<string, number> };

/** Refused claim attempts, by reason. */
export function RefusalsTable(props: Props) {
  const rows =
    props.variant === "reasons"
      ? refusalReasons.map((code) => ({ code, label: reasonLabel[code], n: props.counts[code] ?? 0 }))
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
