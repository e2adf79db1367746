"use client";

import Link from "next/link";
import { useState } from "react";
import { CheckoutForm } from "@/components/drop/checkout-form";
import { CheckoutResult } from "@/components/drop/checkout-result";
import { ClaimButton } from "@/components/drop/claim-button";
import { Countdown } from "@/components/drop/countdown";
import { HoldCard } from "@/components/drop/hold-card";
import { StockBar } from "@/components/drop/stock-bar";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { claimOnce, intentKey, joinQueue, useAction, type HoldCheckout } from "@/lib/hooks/actions";
import { useMyClaims, withClaim } from "@/lib/hooks/use-my-claims";
import { useShopper } from "@/lib/hooks/use-shopper";
import { useServerNow, useStock } from "@/lib/hooks/use-stock";
import { useMyQueue } from "@/lib/hooks/use-queue";
import { QueueLine } from "@/components/drop/queue-line";
import type { Claim } from "@/lib/schemas/claim";
import type { DropStatus, Stock } from "@/lib/schemas/drop";
import type { WaitingRoom } from "@/lib/schemas/queue";
import { useTabTitle } from "@/lib/hooks/use-tab-title";
import { useProofOfWork } from "@/lib/hooks/use-proof-of-work";
import { ApiError } from "@/lib/hooks/fetcher";

type Props = {
  dropId: string;
  name: string;
  maxPerShopper: number;
  /** Its window too: polled with the stock, so the page follows a reschedule. */
  initialStock: Stock;
  /** The drop's waiting room: claims need the pass its line gives. */
  waitingRoom?: WaitingRoom;
};

/** A claim the proof of work refused twice in a row: the page's own check did not pass. */
const claimRefusal = (e: ApiError) =>
  e.code === "CHALLENGE_INVALID" || e.code === "CHALLENGE_REQUIRED"
    ? "Your browser could not finish its check for this drop. Reload the page and try again."
    : e.message;

/** Live part of a drop page: stock, countdown, the claim button and this shopper's hold. */
export function DropLive({ dropId, name, maxPerShopper, initialStock, waitingRoom }: Props) {
  const { stock, settle, soldOut, show: showStock } = useStock(dropId, initialStock);
  const serverNow = useServerNow(stock);
  const { shopper, error: shopperError } = useShopper();
  const { data: mine, mutate: refreshMine } = useMyClaims(dropId, shopper?.token);
  const { busy, error: refusal, run, clear } = useAction({ describe: claimRefusal });
  const room = waitingRoom?.enabled === true;
  const { startsAt, endsAt } = stock;
  const { data: place, mutate: refreshPlace, joined } = useMyQueue(dropId, shopper, room, startsAt);
  const [won, setWon] = useState<Claim>();
  const [retrying, setRetrying] = useState(false);
  const [checkedOut, setCheckedOut] = useState<HoldCheckout[]>();
  // The holds a card step is paying for: its form stays until the payment's end, even past the
  // deadline this page knows (an authentication step extends it on the server).
  const [paying, setPaying] = useState<Claim[]>();

  const start = Date.parse(startsAt);
  // Flip to live on the server's clock at the start; the next poll confirms it.
  const status: DropStatus = stock.status === "scheduled" && serverNow >= start ? "live" : stock.status;
  // The hold just won shows at once; the list from the server replaces it on its next load.
  const claims = mine?.claims ?? [];
  const fresh = won && !claims.some((c) => c.id === won.id) ? won : undefined;
  // Live holds, and the newest claim if it expired: its card still says so once the server's list
  // (e.g. reloaded when the shopper comes back to the tab) calls it expired rather than held.
  const held = claims.filter(
    (c, i) => c.status === "held" || (c.status === "expired" && i === claims.length - 1 && !fresh),
  );
  const holds = fresh ? [...held, fresh] : held;
  // What one checkout covers: every hold still running on the server's clock.
  const live = holds.filter((c) => c.status === "held" && Date.parse(c.holdExpiresAt) > serverNow);
  // Orders the last checkout listed with their private links are not listed twice.
  const listed = new Set(checkedOut?.filter((r) => r.ok).map((r) => r.claim.id));
  // What this shopper holds decides the claim area, with the server's answer: never a contradiction.
  // A hold past its deadline no longer counts, even before the server's list says "expired".
  const owned = [...claims, ...(fresh ? [fresh] : [])].filter(
    (c) => c.status === "confirmed" || (c.status === "held" && Date.parse(c.holdExpiresAt) > serverNow),
  ).length;
  const atLimit =
    owned >= maxPerShopper && (status === "live" || status === "sold_out" || status === "paused");
  useTabTitle({ shopperId: shopper?.shopperId, name, remaining: stock.remainingStock, status, owned });
  // Solved in the background from the countdown on, while this shopper may still claim.
  const proof = useProofOfWork(
    dropId,
    shopper?.token,
    stock.botDefence === "pow" &&
      !atLimit &&
      (status === "scheduled" || status === "live" || status === "paused"),
  );

  /** A hold was checked out, released or found ended: `updated` is the server's answer, if any. */
  function holdChanged(updated?: Claim) {
    setWon(undefined);
    clear(); // e.g. "you hold the limit" is no longer true after a release
    // The answer goes into the list at once: checkout navigates away straight after, and a reload
    // started then can be deduplicated on the way back, which would show the bought unit as a hold.
    void refreshMine(updated && ((list) => withClaim(list, updated)));
    settle();
  }

  /** A checkout's answers: the orders go into the list at once (a single one navigates away next). */
  function checkoutDone(results: HoldCheckout[]) {
    setCheckedOut(results);
    setPaying(undefined);
    setWon(undefined);
    clear();
    void refreshMine((list) =>
      results.reduce((l, r) => (r.ok ? withClaim(l, r.confirmed) : l), list ?? { claims: [] }),
    );
    settle();
  }

  async function claim() {
    if (!shopper) return;
    setCheckedOut(undefined);
    await run(async () => {
      const onRetry = () => setRetrying(true);
      // One key for the press, resent with a fresh solution or pass: never a second unit.
      const key = intentKey();
      const send = (altcha: string | undefined, pass: string | undefined) =>
        claimOnce(dropId, shopper.token, key, onRetry, altcha, pass).catch((err: unknown) => {
          if (err instanceof ApiError && err.code === "SOLD_OUT") soldOut();
          throw err;
        });
      let answer;
      const altcha = await proof.take();
      const pass = place?.pass?.token;
      try {
        answer = await send(altcha, pass);
      } catch (err) {
        // The drop asks for proof this page had not heard of, or its solution ran out (a tab
        // asleep): solve a fresh one and send the claim once more.
        const challenge =
          err instanceof ApiError && (err.code === "CHALLENGE_REQUIRED" || err.code === "CHALLENGE_INVALID");
        // The pass ran out by this page's copy, not by the line's: its minutes stop while the drop
        // is paused, and the line's answer now has a pass running again (the solution is unspent, or
        // spent by this key).
        const renewed =
          err instanceof ApiError && err.code === "QUEUE_PASS_INVALID"
            ? (await refreshPlace())?.pass?.token
            : undefined;
        if (!challenge && (renewed === undefined || renewed === pass)) throw err;
        answer = await send(challenge ? await proof.take({ now: true }) : altcha, renewed ?? pass);
      }
      setWon(answer.claim);
      showStock(answer.stock);
      void refreshMine();
    });
    setRetrying(false);
    settle();
    proof.renew(); // the next claim's solution, now that this one has its answer
  }

  /** Joins the waiting room, with a proof of work as a claim's (the claim then solves another). */
  async function join() {
    if (!shopper) return;
    await run(async () => {
      const ticket = await joinQueue(dropId, shopper, await proof.take()).catch(async (err) => {
        if (!(
          err instanceof ApiError &&
          (err.code === "CHALLENGE_REQUIRED" || err.code === "CHALLENGE_INVALID")
        ))
          throw err;
        return joinQueue(dropId, shopper, await proof.take({ now: true }));
      });
      await refreshPlace(ticket.prequeue ? { status: "prequeue" } : { status: "waiting" }, {
        revalidate: true,
      });
      joined();
    });
    proof.renew();
  }

  // In a waiting room, the claim area is the line until this shopper's turn.
  const lineOpen =
    (status === "scheduled" || status === "live" || status === "paused") &&
    serverNow >= start - (waitingRoom?.prequeueMinutes ?? 0) * 60_000;
  // Sold out or ended: the line is over for everyone at once, and the button says why.
  const inLine =
    room &&
    !atLimit &&
    place?.status !== "admitted" &&
    (status === "scheduled" || status === "live" || status === "paused");

  return (
    <div className="space-y-5">
      <div className="flex items-center gap-3">
        {owned > 0 && status === "sold_out" ? (
          // Their unit is not "sold out" to them: the badge says what they have.
          <span
            data-testid="status"
            className="rounded-full bg-emerald-100 px-3 py-1 text-xs font-bold uppercase tracking-wide text-emerald-800"
          >
            You got one
          </span>
        ) : (
          <StatusBadge status={status} />
        )}
        {(status === "live" || status === "paused") && (
          <span className="text-sm text-zinc-500">
            <RelativeTime verb="Ends" iso={endsAt} now={serverNow} />
          </span>
        )}
        {status === "scheduled" && (
          <span className="text-sm text-zinc-500">
            Starts <LocalTime iso={startsAt} />
          </span>
        )}
      </div>
      {status === "scheduled" && <Countdown label="Starts in" target={start} serverNow={serverNow} />}
      <StockBar remaining={stock.remainingStock} total={stock.totalStock} owned={owned} />
      {shopper &&
        holds.map((c) => (
          <HoldCard key={c.id} claim={c} serverNow={serverNow} token={shopper.token} onChange={holdChanged} />
        ))}
      {shopper && (paying ?? live).length > 0 && (
        <CheckoutForm
          holds={paying ?? live}
          token={shopper.token}
          onDone={checkoutDone}
          onPaying={(holds) => {
            setPaying(holds);
            void refreshMine();
          }}
        />
      )}
      {checkedOut && <CheckoutResult results={checkedOut} />}
      {claims
        .filter((c) => c.status === "confirmed" && !listed.has(c.id))
        .map((c) => (
          <p key={c.id} className="text-sm">
            Your order{" "}
            <Link className="font-mono font-semibold underline" href={`/orders/${c.id}`}>
              {c.orderNumber}
            </Link>{" "}
            is confirmed.
          </p>
        ))}
      {atLimit ? (
        <p data-testid="claim-limit" className="rounded-xl bg-zinc-100 px-4 py-3 text-sm font-medium">
          {maxPerShopper === 1
            ? "This one is yours: one per shopper."
            : `You hold ${owned} of ${maxPerShopper}, the limit per shopper.`}
        </p>
      ) : inLine ? (
        <QueueLine
          place={place}
          startsAt={startsAt}
          busy={busy}
          ready={!!shopper && proof.ready}
          open={lineOpen}
          onJoin={() => void join()}
        />
      ) : (
        <>
          {place?.pass && (
            <p
              data-testid="queue-pass"
              className="rounded-xl bg-emerald-50 px-4 py-3 text-sm font-semibold text-emerald-950"
            >
              It&apos;s your turn: claim by <LocalTime iso={place.pass.expiresAt} seconds />.
            </p>
          )}
          <ClaimButton status={status} busy={busy} retrying={retrying} ready={!!shopper} onClaim={claim} />
        </>
      )}
      {!atLimit && !proof.ready && (status === "scheduled" || status === "live") && (
        <p data-testid="getting-ready" className="text-center text-sm text-zinc-500">
          Getting ready…
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
