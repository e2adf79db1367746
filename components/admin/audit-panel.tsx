"use client";

import { useState } from "react";
import { api, ApiError } from "@/lib/hooks/fetcher";
import type { AuditReport } from "@/lib/audit";

/** Runs the reconciliation of one drop and shows what it found and did. */
export function AuditPanel({ dropId }: { dropId: string }) {
  const [report, setReport] = useState<AuditReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      setReport(
        (
          await api<{ report: AuditReport }>(`/api/admin/drops/${dropId}/audit`, {
            method: "POST",
            body: "{}",
          })
        ).report,
      );
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : "The audit failed.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      aria-labelledby="audit-heading"
      className="space-y-3 rounded-2xl border border-zinc-200 bg-white p-5"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="audit-heading" className="text-lg font-bold">
          Audit
        </h2>
        <button
          type="button"
          onClick={run}
          disabled={busy}
          className="rounded-lg border border-zinc-300 px-4 py-2 text-sm font-semibold disabled:opacity-50"
        >
          {busy ? "Auditing…" : "Run audit"}
        </button>
      </div>
      <p className="text-xs text-zinc-500">
        Checks total = remaining + held + confirmed, and returns units stranded by a crash once no claim can
        still be in flight. It never moves stock toward an oversell.
      </p>
      <div role="status" aria-live="polite" data-testid="audit-result" className="text-sm">
        {report && (
          <p>
            {report.totalStock} total = {report.remainingStock} remaining + {report.held} held +{" "}
            {report.confirmed} confirmed{report.unaccounted !== 0 && <> + {report.unaccounted} unaccounted</>}
            . <span className="font-semibold">{report.note}</span>
          </p>
        )}
        {error && <p className="text-rose-700">{error}</p>}
      </div>
    </section>
  );
}
