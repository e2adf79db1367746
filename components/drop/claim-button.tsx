"use client";

import { statusLabel } from "@/lib/format";
import type { DropStatus } from "@/lib/schemas/drop";

/** The one button a shopper presses. Disabled while a claim is in flight: one request per press. */
export function ClaimButton({ status, busy, onClaim }: { status: DropStatus; busy: boolean; onClaim: () => void }) {
  const label = busy ? "Claiming…" : status === "live" ? "Claim" : statusLabel[status];
  return (
    <button
      type="button"
      onClick={onClaim}
      disabled={status !== "live" || busy}
      className="w-full rounded-xl bg-brand px-6 py-4 text-lg font-bold text-white shadow transition hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:cursor-not-allowed disabled:bg-zinc-300 disabled:text-zinc-600"
    >
      {label}
    </button>
  );
}
