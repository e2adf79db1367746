"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDuration } from "@/lib/format";
import { releaseClaim, useAction } from "@/lib/hooks/actions";
import type { Claim } from "@/lib/schemas/claim";

/**
 * A won claim: the unit is held for this shopper until the deadline, then goes back to stock. Its
 * own countdown and release; the checkout below covers all of the shopper's holds at once.
 */
export function HoldCard({
  claim,
  serverNow,
  token,
  onChange,
  afterwards = "goes back to stock",
}: {
  claim: Claim;
  serverNow: number;
  token: string;
  onChange: (updated?: Claim) => void;
  /** What happens to the unit when the hold ends: a draw's passes to its waitlist. */
  afterwards?: string;
}) {
  // One shot: whatever the answer, the parent reloads the claims and this card follows them.
  const { busy: releasing, run } = useAction({ keepBusy: "always" });
  const [asking, setAsking] = useState(false);
  const deadline = Date.parse(claim.holdExpiresAt);
  // Capped at the hold's length: this page's estimate of the server's clock runs slightly late, so
  // a fresh 10-minute hold would otherwise flash "10:01".
  const left = Math.min(deadline - serverNow, deadline - Date.parse(claim.createdAt));

  if (claim.status === "expired" || left <= 0) {
    return (
      <div
        data-testid="hold-expired"
        className="rounded-xl border border-zinc-300 bg-zinc-100 p-4 text-zinc-700"
      >
        Your hold expired and the unit went back to stock.
      </div>
    );
  }

  async function release() {
    setAsking(false);
    const released = await run(() => releaseClaim(claim.id, token));
    onChange(released.ok ? released.value.claim : undefined);
  }

  return (
    <div
      data-testid="hold"
      className="space-y-3 rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950"
    >
      <div>
        <p className="font-bold">It&apos;s yours! One unit is held for you.</p>
        <p className="text-sm">
          Check out within{" "}
          <span data-testid="hold-countdown" aria-live="off" className="font-mono font-bold tabular-nums">
            {formatDuration(left)}
          </span>{" "}
          or the unit {afterwards}. <span className="font-mono text-xs">({claim.id.slice(0, 8)})</span>
        </p>
      </div>
      <button
        type="button"
        onClick={() => setAsking(true)}
        disabled={releasing}
        className="text-sm text-emerald-900 underline disabled:opacity-50"
      >
        {releasing ? "Releasing…" : "Release this unit"}
      </button>
      <ConfirmDialog
        open={asking}
        title="Give this unit back?"
        confirmLabel="Release it"
        destructive
        onConfirm={() => void release()}
        onCancel={() => setAsking(false)}
      >
        <p>Someone else can claim it at once.</p>
      </ConfirmDialog>
    </div>
  );
}
