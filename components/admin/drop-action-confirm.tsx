import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { DropRequest } from "@/lib/hooks/actions";
import type { DropMetrics } from "@/lib/schemas/drop-admin";

type Action = DropRequest["action"];

// Pause and resume are undone by each other, so they need no confirmation.
const confirmText: Partial<Record<Action, { title: string; label: string; destructive?: boolean }>> = {
  publish: { title: "Publish this drop?", label: "Publish" },
  end: { title: "End this drop now?", label: "End drop", destructive: true },
  restock: { title: "Change the stock?", label: "Restock" },
  delete: { title: "Delete this draft?", label: "Delete draft", destructive: true },
};

export const needsConfirm = (action: Action) => confirmText[action] !== undefined;

/** Asks before a drop request that is hard to take back, saying what it will do. */
export function DropActionConfirm({
  pending,
  name,
  stock,
  onCancel,
  onConfirm,
}: {
  pending: DropRequest | undefined;
  name: string;
  stock: Pick<DropMetrics, "remainingStock" | "totalStock">;
  onCancel: () => void;
  onConfirm: (request: DropRequest) => void;
}) {
  const c = pending ? confirmText[pending.action] : undefined;
  const qty = pending?.action === "restock" ? pending.quantity : undefined;
  return (
    <ConfirmDialog
      open={Boolean(c)}
      title={c?.title ?? ""}
      confirmLabel={c?.label ?? ""}
      destructive={c?.destructive}
      onCancel={onCancel}
      onConfirm={() => pending && onConfirm(pending)}
    >
      {qty !== undefined && (
        <p>
          {qty > 0 ? `Add ${qty}` : `Remove ${-qty}`} units: {stock.remainingStock} →{" "}
          {stock.remainingStock + qty} remaining, {stock.totalStock} → {stock.totalStock + qty} in total.
        </p>
      )}
      {pending?.action === "end" && <p>“{name}” stops selling at once. This cannot be undone.</p>}
      {pending?.action === "delete" && <p>“{name}” and its settings are deleted. This cannot be undone.</p>}
      {pending?.action === "publish" && <p>Shoppers will see “{name}”, and it sells from its start time.</p>}
    </ConfirmDialog>
  );
}
