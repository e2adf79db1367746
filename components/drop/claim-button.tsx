"use client";

import { statusLabel } from "@/lib/format";
import type { DropStatus } from "@/lib/schemas/drop";
import { BigButton } from "@/components/ui/big-button";

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
    <BigButton testId="claim-button" onClick={onClaim} disabled={status !== "live" || busy || !ready}>
      {label}
    </BigButton>
  );
}
