"use client";

import Link from "next/link";
import { EntryReceipt } from "@/components/draw/entry-receipt";
import { outcomeText, WinnerCheckout } from "@/components/draw/draw-outcome";
import { PaidEntryForm } from "@/components/draw/paid-entry-form";
import { usePaymentsConfig } from "@/components/payments/payments-config";
import { Countdown } from "@/components/drop/countdown";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatCount } from "@/lib/format";
import { enterDraw, useAction } from "@/lib/hooks/actions";
import { ApiError } from "@/lib/hooks/fetcher";
import { useDraw, useMyEntry } from "@/lib/hooks/use-draw";
import { useProofOfWork } from "@/lib/hooks/use-proof-of-work";
import { useShopper } from "@/lib/hooks/use-shopper";
import { useServerNow, useStock } from "@/lib/hooks/use-stock";
import type { PublishedDraw } from "@/lib/schemas/draw";
import type { Stock } from "@/lib/schemas/drop";
import { BigButton } from "@/components/ui/big-button";

type Props = {
  dropId: string;
  priceCents: number;
  currency: string;
  /** Its window too: polled with the stock, so the page follows a reschedule. */
  initialStock: Stock;
  initialDraw: PublishedDraw;
};

type Phase = "scheduled" | "open" | "paused" | "closed" | "drawn";

const phaseLabel: Record<Phase, string> = {
  scheduled: "Entries open soon",
  open: "Entries open",
  paused: "Paused",
  closed: "Entries closed",
  drawn: "Drawn",
};

const entryRefusal = (e: ApiError) =>
  e.code === "CHALLENGE_INVALID" || e.code === "CHALLENGE_REQUIRED"
    ? "Your browser could not finish its check for this drop. Reload the page and try again."
    : e.message;

/** Live part of a draw drop's page: the window, entering, the entry count, then what came of it. */
export function DrawLive({ dropId, priceCents, currency, initialStock, initialDraw }: Props) {
  const { stock } = useStock(dropId, initialStock);
  const { startsAt, endsAt } = stock;
  const serverNow = useServerNow(stock);
  const { data: draw = initialDraw } = useDraw(dropId, initialDraw);
  const { shopper, error: shopperError } = useShopper();
  const { data: answer, mutate } = useMyEntry(dropId, shopper?.token, draw.status);
  // A paid entry whose card is being authorised is not an entry yet: its form stays.
  const authorising = !!answer && "authorising" in answer;
  const mine = answer && "authorising" in answer ? null : answer;
  // With payments on, a priced draw authorises the card at entry (the server decides; this says so).
  const paid = usePaymentsConfig().mode !== "off" && priceCents > 0;
  const { busy, error: refusal, run } = useAction({ describe: entryRefusal });

  const start = Date.parse(startsAt);
  // On the server's clock: the window opens and closes on time; the next polls confirm it.
  const phase: Phase =
    draw.status === "drawn"
      ? "drawn"
      : draw.status === "closed" || stock.status === "ended" || serverNow >= Date.parse(endsAt)
        ? "closed"
        : stock.status === "paused"
          ? "paused"
          : serverNow >= start
            ? "open"
            : "scheduled";
  const proof = useProofOfWork(
    dropId,
    shopper?.token,
    stock.botDefence === "pow" && mine === null && (phase === "scheduled" || phase === "open"),
  );

  async function enter() {
    if (!shopper) return;
    await run(async () => {
      let entered;
      try {
        entered = await enterDraw(dropId, shopper.token, await proof.take());
      } catch (err) {
        // Proof this page had not heard of, or a solution that ran out: solve a fresh one, once.
        if (!(
          err instanceof ApiError &&
          (err.code === "CHALLENGE_REQUIRED" || err.code === "CHALLENGE_INVALID")
        ))
          throw err;
        entered = await enterDraw(dropId, shopper.token, await proof.take({ now: true }));
      }
      if ("entry" in entered) await mutate(entered, { revalidate: false });
      else await mutate(); // a paid entry's answer: this page shows its form instead
    });
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        <span
          data-testid="status"
          className="rounded-full bg-violet-100 px-3 py-1 text-xs font-bold uppercase tracking-wide text-violet-900"
        >
          {phaseLabel[phase]}
        </span>
        {(phase === "open" || phase === "paused") && (
          <span className="text-sm text-zinc-500">
            <RelativeTime verb="Closes" iso={endsAt} now={serverNow} />
          </span>
        )}
        {phase === "scheduled" && (
          <span className="text-sm text-zinc-500">
            Opens <LocalTime iso={startsAt} />
          </span>
        )}
      </div>
      {phase === "scheduled" && <Countdown label="Entries open in" target={start} serverNow={serverNow} />}
      <p className="text-sm text-zinc-600">
        <span
          data-testid="entry-count"
          aria-live="polite"
          aria-atomic
          className="font-mono text-2xl font-bold tabular-nums text-zinc-900"
        >
          {formatCount(draw.entryCount)}
        </span>{" "}
        {draw.entryCount === 1 ? "entry" : "entries"}
        {phase === "drawn" && draw.units !== undefined && ` for ${draw.units} units`}
      </p>
      {mine ? (
        <>
          <p
            role="status"
            aria-live="polite"
            data-testid="draw-state"
            className="rounded-xl bg-zinc-100 px-4 py-3 font-semibold"
          >
            {outcomeText(
              mine,
              draw.status === "drawn" ? "drawn" : phase === "closed" ? "closed" : "open",
              serverNow,
            )}
          </p>
          {mine.result === "won" && mine.claim && shopper && mine.payment?.status !== "authorised" && (
            <WinnerCheckout
              claim={mine.claim}
              serverNow={serverNow}
              token={shopper.token}
              onChange={() => void mutate()}
            />
          )}
          <EntryReceipt mine={mine} />
        </>
      ) : paid && shopper && (phase === "open" || authorising) ? (
        <>
          {authorising && (
            <p
              role="status"
              data-testid="draw-state"
              className="rounded-xl bg-zinc-100 px-4 py-3 font-semibold"
            >
              Your entry is waiting for your card to be authorised…
            </p>
          )}
          <PaidEntryForm
            dropId={dropId}
            token={shopper.token}
            priceCents={priceCents}
            currency={currency}
            open={phase === "open"}
            takeProof={() => proof.take()}
            retryProof={() => proof.take({ now: true })}
            onEntered={() => void mutate()}
          />
        </>
      ) : (
        <EnterButton
          phase={phase}
          busy={busy}
          ready={!!shopper && mine === null}
          onEnter={() => void enter()}
        />
      )}
      {!mine && !proof.ready && (phase === "scheduled" || phase === "open") && (
        <p data-testid="getting-ready" className="text-center text-sm text-zinc-500">
          Getting ready…
        </p>
      )}
      {phase === "drawn" && (
        <p className="text-sm">
          <Link href={`/drops/${dropId}/proof`} className="font-semibold text-brand underline">
            How this draw was made: the proof
          </Link>
        </p>
      )}
      <p
        role="status"
        aria-live="assertive"
        data-testid="claim-message"
        className="min-h-6 text-sm font-medium text-rose-700"
      >
        {refusal ??
          (shopperError ? "We could not start a shopping session. Reload the page to try again." : "")}
      </p>
    </div>
  );
}

function EnterButton({
  phase,
  busy,
  ready,
  onEnter,
}: {
  phase: Phase;
  busy: boolean;
  ready: boolean;
  onEnter: () => void;
}) {
  const label = busy
    ? "Entering…"
    : phase === "open"
      ? "Enter the draw"
      : phase === "scheduled"
        ? "Entries open soon"
        : phase === "paused"
          ? "Paused"
          : "Entries are closed";
  return (
    <BigButton testId="enter-draw" onClick={onEnter} disabled={phase !== "open" || busy || !ready}>
      {label}
    </BigButton>
  );
}
