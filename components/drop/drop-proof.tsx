import { LocalTime } from "@/components/ui/local-time";
import { MoneyLine } from "@/components/drop/money-line";
import type { Reconciliation } from "@/lib/schemas/claim";

/** The public proof on a sold-out or ended drop, computed from the data at render time. */
export function DropProof({ r, currency }: { r: Reconciliation; currency: string }) {
  const sold = r.held + r.confirmed;
  return (
    <div data-testid="proof" className="rounded-xl border border-zinc-200 bg-white p-3 text-sm text-zinc-700">
      <p>
        <span className="font-semibold">
          {plural(r.totalStock, "unit")} · {sold} claimed · {plural(r.winners, "winner")} · {r.oversold}{" "}
          oversold
        </span>{" "}
        · reconciled at <LocalTime iso={r.reconciledAt} seconds />
      </p>
      <p data-testid="proof-money">
        <MoneyLine r={r} currency={currency} />
      </p>
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
