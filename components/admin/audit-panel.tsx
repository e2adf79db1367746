"use client";

import { useState } from "react";
import { MoneyLine } from "@/components/drop/money-line";
import { Panel } from "@/components/ui/panel";
import { auditDrop, useAction } from "@/lib/hooks/actions";
import type { AuditReport } from "@/lib/schemas/claim";

/** Runs the reconciliation of one drop and shows what it found and did. */
export function AuditPanel({ dropId, currency }: { dropId: string; currency: string }) {
  const [report, setReport] = useState<AuditReport>();
  const { busy, error, run } = useAction({
    fallback: "The audit failed.",
    describe: (e) => `${e.message} (${e.code})`,
  });

  return (
    <Panel
      id="audit"
      title="Audit"
      space="space-y-3"
      row="flex items-center justify-between gap-3"
      aside={
        <button
          type="button"
          onClick={() => void run(async () => setReport(await auditDrop(dropId)))}
          disabled={busy}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-semibold disabled:opacity-50"
        >
          {busy ? "Auditing…" : "Run audit"}
        </button>
      }
    >
      <p className="text-xs text-zinc-500">
        Checks total = remaining + held + confirmed, and returns units stranded by a crash once no claim can
        still be in flight. It never moves stock toward an oversell. With payments on, it checks the money
        too: captured − refunded = the paid orders&apos; totals.
      </p>
      <div role="status" aria-live="polite" data-testid="audit-result" className="text-sm">
        {report && (
          <>
            <p>
              {report.totalStock} total = {report.remainingStock} remaining + {report.held} held +{" "}
              {report.confirmed} confirmed
              {report.unaccounted !== 0 && <> + {report.unaccounted} unaccounted</>}
              {report.restocked > 0 && <> ({report.restocked} refunded back on sale, in remaining)</>}.{" "}
              <span className="font-semibold">{report.note}</span>
            </p>
            <p data-testid="audit-money">
              <MoneyLine r={report} currency={currency} />
            </p>
          </>
        )}
        {error && <p className="text-rose-700">{error}</p>}
      </div>
    </Panel>
  );
}
