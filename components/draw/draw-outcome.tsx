"use client";

import Link from "next/link";
import { useState } from "react";
import { CheckoutForm } from "@/components/drop/checkout-form";
import { HoldCard } from "@/components/drop/hold-card";
import { LocalTime } from "@/components/ui/local-time";
import type { Claim } from "@/lib/schemas/claim";
import type { MyEntry } from "@/lib/schemas/entry";

/** Where this shopper stands, in words: the draw page's one status line (the e2e reads it). */
export function outcomeText(
  mine: MyEntry,
  drawStatus: "open" | "closed" | "drawn",
  serverNow: number,
): React.ReactNode {
  const card = mine.payment?.status;
  if (mine.result === "won") {
    if (mine.claim?.status === "confirmed" && card === "succeeded")
      return "You won — your card was charged and your order is confirmed.";
    // The card from entry is being charged: no checkout for the shopper to do.
    if (card === "authorised") return "You won — charging the card you entered with…";
    return wonText(mine.claim, serverNow);
  }
  // A paid entry that did not win: its authorisation is released at the draw.
  const released = card === "released" ? " Your card's authorisation was released: nothing was charged." : "";
  if (mine.result === "waitlist")
    return `Not this time — you're #${mine.waitlistPlace ?? "?"} on the waitlist. If a winner does not check out, their unit comes to the next in line.${released}`;
  if (mine.result === "lost") return `Not this time. Thank you for entering.${released}`;
  const authorised = card === "authorised" ? " Your card is authorised, and charged only if you win." : "";
  if (drawStatus === "open") return `You're in. The draw runs after entries close.${authorised}`;
  return `You're in. Entries are closed: the draw runs shortly…${authorised}`;
}

function wonText(claim: Claim | undefined, serverNow: number): React.ReactNode {
  if (!claim) return "You won — your unit is being held for you…";
  if (claim.status === "confirmed") return "You won — and your order is confirmed.";
  if (claim.status === "held" && Date.parse(claim.holdExpiresAt) > serverNow)
    return (
      <>
        You won — check out by <LocalTime iso={claim.holdExpiresAt} seconds />.
      </>
    );
  return "You won, but your hold ended: the unit went to the next on the waitlist.";
}

/** A winner's hold and checkout (the first-come drop's own), or their order once checked out. */
export function WinnerCheckout({
  claim,
  serverNow,
  token,
  onChange,
}: {
  claim: Claim;
  serverNow: number;
  token: string;
  onChange: () => void;
}) {
  // Kept while its card step runs, past the deadline this page knows (see DropLive).
  const [paying, setPaying] = useState(false);
  if (claim.status === "confirmed")
    return (
      <p className="text-sm">
        Your order{" "}
        <Link className="font-mono font-semibold underline" href={`/orders/${claim.id}`}>
          {claim.orderNumber}
        </Link>{" "}
        is confirmed.
      </p>
    );
  // A hold past its deadline is over: the status line says where the unit went.
  if (!paying && (claim.status !== "held" || Date.parse(claim.holdExpiresAt) <= serverNow)) return null;
  return (
    <>
      <HoldCard
        claim={claim}
        serverNow={serverNow}
        token={token}
        onChange={onChange}
        afterwards="passes to the next on the waitlist"
      />
      <CheckoutForm
        holds={[claim]}
        token={token}
        onDone={() => {
          setPaying(false);
          onChange();
        }}
        onPaying={() => {
          setPaying(true);
          onChange();
        }}
      />
    </>
  );
}
