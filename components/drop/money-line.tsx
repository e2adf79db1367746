import { formatAmounts } from "@/lib/format";
import type { Reconciliation } from "@/lib/schemas/claim";

/** A drop's money line, in words: the public proof's and the admin audit's. */
export function MoneyLine({ r, currency }: { r: Reconciliation; currency: string }) {
  const l = r.ledger;
  if (!l.paymentsOn) return <>Money: {l.note}.</>;
  return (
    <>
      Money: {formatAmounts(l.captured, currency)} captured − {formatAmounts(l.refunded, currency)} refunded ={" "}
      {formatAmounts(l.paidOrders, currency)} in paid orders ·{" "}
      <span className="font-semibold">{r.ledgerHolds ? "the ledger holds" : "the ledger does not hold"}</span>
      {r.ledgerHolds ? "" : `: ${l.note}`}
    </>
  );
}
