"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/lib/hooks/actions";

/**
 * A table's remove/revoke flow: a row asks, a dialog confirms, then the request runs and the page
 * is refreshed so the row shows what became of it.
 */
export function useConfirmedRemoval<T>({
  fallback,
  remove,
}: {
  fallback: string;
  remove: (item: T) => Promise<unknown>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<T>();
  const { busy, error, run } = useAction({ fallback });

  async function confirm(item: T) {
    setPending(undefined);
    const outcome = await run(() => remove(item));
    if (outcome.ok) router.refresh();
  }

  // The updater form, so that an item is never mistaken for one.
  const ask = (item: T) => setPending(() => item);
  return { pending, busy, error, ask, cancel: () => setPending(undefined), confirm };
}

export type ConfirmedRemoval<T> = ReturnType<typeof useConfirmedRemoval<T>>;

/** The row's button: asks to remove `item`; the sr-only name tells which row it acts on. */
export function DestructiveRowButton<T>({
  removal,
  item,
  label,
  name,
}: {
  removal: ConfirmedRemoval<T>;
  item: T;
  label: string;
  name: string;
}) {
  return (
    <button
      type="button"
      disabled={removal.busy}
      onClick={() => removal.ask(item)}
      className="rounded-lg border border-rose-700 px-3 py-1 text-xs font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-50"
    >
      {label}
      <span className="sr-only"> {name}</span>
    </button>
  );
}

/** Below the table: why the last removal failed, and the dialog that confirms the next one. */
export function RemovalConfirm<T>({
  removal,
  title,
  confirmLabel,
  children,
}: {
  removal: ConfirmedRemoval<T>;
  title: string;
  confirmLabel: string;
  children: (item: T) => React.ReactNode;
}) {
  const { pending, error, cancel, confirm } = removal;
  return (
    <>
      <ActionError error={error} />
      <ConfirmDialog
        open={pending !== undefined}
        title={title}
        confirmLabel={confirmLabel}
        destructive
        onCancel={cancel}
        onConfirm={() => pending !== undefined && void confirm(pending)}
      >
        {pending !== undefined && children(pending)}
      </ConfirmDialog>
    </>
  );
}
