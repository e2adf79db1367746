"use client";

import { statusLabel } from "@/lib/format";
import type { DropStatus } from "@/lib/schemas/drop";

/**
 * The one button a shopper presses. Disabled while a claim is in flight (one request per press) and
 * until the tab's shopper is ready; it says "Claiming…" only while a claim really is in flight, and
 * "Still trying…" while that claim is being resent after a busy answer.
 */
export function ClaimButton({
  status,
  busy,
  retrying = false,
  ready,
  onClaim,
}: {
  status: DropStatus;
  busy: boolean;
  retrying?: boolean;
  ready: boolean;
  onClaim: () => void;
}) {
  const label = busy
    ? retrying
      ? "Still trying…"
      : "Claiming…"
    : status === "live"
      ? "Claim"
      : statusLabel[status];
  return (
    <button
      type="button"
      data-testid="claim-button"
      onClick={onClaim}
      disabled={status !== "live" || busy || !ready}
      className="w-full rounded-xl bg-brand px-6 py-4 text-lg font-bold text-white shadow transition hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:cursor-not-allowed disabled:bg-zinc-300 disabled:text-zinc-600"
    >
      {label}
    </button>
  );
}
