"use client";

import { useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatPrice } from "@/lib/format";
import { refundOrder, useAction } from "@/lib/hooks/actions";
import type { Claim } from "@/lib/schemas/claim";

/**
 * Asks before refunding one paid order, and whether its unit goes back on sale (only while the drop
 * sells: `canRestock`). A refund asked before and not finished (`claim.refund`, not sent) is sent
 * again as it was asked. Sending twice is harmless: the server refunds an order once. Render it with
 * `key={claim?.id}`, so each order starts afresh.
 */
export function RefundDialog({
  dropId,
  claim,
  canRestock,
  onDone,
  onCancel,
}: {
  dropId: string;
  claim: Claim | undefined;
  canRestock: boolean;
  onDone: (refunded: Claim) => void;
  onCancel: () => void;
}) {
  const asked = claim?.refund;
  const [restock, setRestock] = useState(asked?.restock ?? false);
  const checkboxId = useId();
  const { busy, error, run } = useAction({
    fallback: "The refund was not sent. Try again.",
    describe: (e) => `${e.message} (${e.code})`,
  });

  const amount =
    claim?.payment && formatPrice(claim.payment.amountMinor, claim.payment.currency.toUpperCase());
  return (
    <ConfirmDialog
      open={claim !== undefined}
      title={`Refund order ${claim?.orderNumber ?? ""}?`}
      confirmLabel={busy ? "Refunding…" : asked ? "Finish refund" : "Refund"}
      destructive
      onCancel={onCancel}
      onConfirm={() => {
        if (!claim || busy) return;
        void run(() => refundOrder(dropId, claim.id, { restock })).then((r) => r.ok && onDone(r.value));
      }}
    >
      <p>
        {claim?.order?.buyer.name} gets {amount ?? "the payment"} back in full, to the card that paid. This
        cannot be undone.
      </p>
      <p className="mt-3 flex items-center gap-2">
        <input
          id={checkboxId}
          type="checkbox"
          checked={restock}
          disabled={asked !== undefined || !canRestock}
          onChange={(e) => setRestock(e.target.checked)}
        />
        <label htmlFor={checkboxId}>Put the unit back on sale</label>
      </p>
      {!canRestock && !asked && (
        <p className="mt-1 text-xs">The drop is not selling now, so the unit stays sold.</p>
      )}
      {asked && <p className="mt-1 text-xs">Asked before; sent again as it was asked.</p>}
      {error && (
        <p role="alert" className="mt-2 text-rose-700">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
