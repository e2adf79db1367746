import type { Audit } from "@/lib/race/verdicts";
import type { Drop } from "@/lib/schemas/drop";

/** The final proof: computed from the answers, checked against what the server has on record. */
export function RaceProof({ audit, drop }: { audit: Audit; drop: Drop }) {
  const ok = audit.invariants.every((i) => i.ok);
  return (
    <section
      aria-labelledby="race-proof-heading"
      className={`space-y-4 rounded-2xl border-2 p-5 ${ok ? "border-emerald-600 bg-emerald-50" : "border-rose-600 bg-rose-50"}`}
    >
      <h2 id="race-proof-heading" className="text-lg font-bold">
        Proof
      </h2>
      <p role="status" data-testid="race-proof" className="text-3xl font-black tabular-nums tracking-tight">
        {drop.totalStock} units · {audit.winners} winners · {audit.oversold} oversold
      </p>
      <p
        data-testid="race-verdict"
        className={`text-sm font-semibold ${ok ? "text-emerald-800" : "text-rose-800"}`}
      >
        {ok ? "✓ PASS: every check holds." : "✗ FAIL: a check failed (below)."}
      </p>
      <ul className="space-y-1.5 text-sm">
        {audit.invariants.map((i) => (
          <li key={i.name} data-testid="race-check" className="flex flex-wrap gap-x-2">
            <span className={`font-mono font-bold ${i.ok ? "text-emerald-800" : "text-rose-800"}`}>
              {i.ok ? "✓ PASS" : "✗ FAIL"}
            </span>
            <span className="font-semibold">{i.name}</span>
            <span className="text-zinc-600">({i.detail})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
