"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteDrop, useAction } from "@/lib/hooks/actions";

/** After a race: its drop (a rehearsal) goes, claims and all, so rehearsals do not pile up. */
export function RaceDelete({ dropId, name }: { dropId: string; name: string }) {
  const [asking, setAsking] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const { busy, error, run } = useAction();

  async function confirm() {
    setAsking(false);
    if ((await run(() => deleteDrop(dropId))).ok) setDeleted(true);
  }

  if (deleted)
    return (
      <p role="status" data-testid="race-deleted" className="text-sm font-medium text-emerald-800">
        The race drop “{name}” and its claims are deleted.
      </p>
    );
  return (
    <div className="space-y-1">
      <button
        type="button"
        data-testid="race-delete"
        disabled={busy}
        onClick={() => setAsking(true)}
        className="rounded-lg border border-rose-300 bg-white px-3 py-2 text-sm font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-60"
      >
        {busy ? "Deleting…" : "Delete this race's drop"}
      </button>
      {error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title="Delete the race drop?"
        confirmLabel="Delete"
        destructive
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        <p>“{name}” is ended and removed with its claims. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
