"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { api, ApiError } from "@/lib/hooks/fetcher";
import {
  myQueueSchema,
  nextPollMs,
  PLACE_SPREAD_MS,
  QUEUE_TICKET_HEADER,
  retryPollMs,
  type MyQueue,
} from "@/lib/schemas/queue";

// A shopper's place in a drop's waiting room (GET /api/drops/{id}/queue/me). The server answers
// from its copy of the line: a poll writes nothing, and with the join's signed ticket (kept per tab
// below, sent in X-Queue-Ticket) costs it no read of its own, even before the line has the ticket.

// The join's `ticket.token`, per drop and shopper, in sessionStorage (per tab, as the shopper is): a
// reload keeps it. A tab that did not join here (another tab, device or browser) has none: until the
// server's line has its ticket (up to 41 s after the join) each of its polls costs one read.
const ticketKey = (dropId: string, shopperId: string) => `droprush.queue-ticket.${dropId}.${shopperId}`;

/** Keeps the token a join answered with, for this tab's polls of that drop's line. */
export function keepQueueTicket(dropId: string, shopperId: string, token: string): void {
  try {
    sessionStorage.setItem(ticketKey(dropId, shopperId), token);
  } catch {
    // Storage refused (private mode, full): the polls go without it and cost the server a read.
  }
}

function keptQueueTicket(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

const POLL_TIMEOUT_MS = 15_000;

/** Null while this shopper is not in the line (the API's 404 NOT_IN_LINE). */
async function queueFetcher([url, token, ticketAt]: readonly [
  string,
  string,
  string,
]): Promise<MyQueue | null> {
  // Read at each poll, not in the key: the join keeps it just before the page asks again.
  const ticket = keptQueueTicket(ticketAt);
  try {
    return myQueueSchema.parse(
      await api<unknown>(url, {
        token,
        headers: ticket ? { [QUEUE_TICKET_HEADER]: ticket } : {},
        // A poll that never settles would stop the poll and the retry: it fails, and is retried.
        signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
      }),
    );
  } catch (err) {
    if (err instanceof ApiError && err.code === "NOT_IN_LINE") return null;
    throw err;
  }
}

/**
 * This tab's place; polled while in line and not yet past its pass. `joined` after this tab joins:
 * SWR's poll, stopped while not in line, starts again only when its interval function changes.
 */
export function useMyQueue(
  dropId: string,
  shopper: { shopperId: string; token: string } | undefined,
  enabled: boolean,
  startsAt: string,
) {
  const [joins, setJoins] = useState(0);
  const keyed = enabled && shopper !== undefined;
  // Not loaded yet (undefined) polls too: SWR asks for the interval once, when the key is set and
  // before any answer, and a 0 then would stop the poll of a page loaded while already in line.
  // (`joins` is only there to make a new function, which restarts SWR's poll.)
  const refreshInterval = useCallback(
    (mine: MyQueue | null | undefined) =>
      !keyed || joins < 0 ? 0 : mine === undefined ? 1000 : mine ? nextPollMs(mine) : 0,
    [joins, keyed],
  );
  const swr = useSWR(
    keyed
      ? ([`/api/drops/${dropId}/queue/me`, shopper.token, ticketKey(dropId, shopper.shopperId)] as const)
      : null,
    queueFetcher,
    // Errors are retried below: SWR's own retry backs off to minutes and never runs in a hidden
    // tab, and its poll skips every tick while the last answer was an error.
    { refreshInterval, refreshWhenHidden: true, keepPreviousData: true, shouldRetryOnError: false },
  );
  const joined = useCallback(() => setJoins((n) => n + 1), []);

  // A failed poll (each failure is a new error) asks again soon, not before the server's
  // Retry-After, hidden or not. A success clears the error and restarts SWR's poll from its answer:
  // SWR timed its next tick from the answer before the failure (a pre-queue's: minutes off).
  // A refusal no retry can change (a 4xx but a timeout or a rate limit) is not asked again: the
  // page's next action or reload does.
  const { error, mutate } = swr;
  const final =
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 429].includes(error.status);
  const failures = useRef(0);
  useEffect(() => {
    if (!error || final) {
      if (!error && failures.current > 0) joined();
      failures.current = 0;
      return;
    }
    const asked = error instanceof ApiError ? error.retryAfterMs : undefined;
    const timer = setTimeout(() => void mutate(), retryPollMs(++failures.current, Math.random, asked));
    return () => clearTimeout(timer);
  }, [error, final, mutate, joined]);

  // A reschedule moves every place's eta, and a place in the pre-queue would otherwise ask next at
  // its old one (or in 5 minutes). A page in line asks again after the servers' ≤ 1 s caches have
  // the new start, spread over PLACE_SPREAD_MS so a long line's pages do not all ask at once; the
  // poll restarts from that answer.
  const { data } = swr;
  const inLine = !!data;
  const askedAt = useRef(startsAt);
  useEffect(() => {
    if (startsAt === askedAt.current || !inLine) return;
    const timer = setTimeout(
      () => {
        askedAt.current = startsAt;
        void mutate().then(joined);
      },
      1000 + Math.random() * PLACE_SPREAD_MS,
    );
    return () => clearTimeout(timer);
  }, [startsAt, inLine, mutate, joined]);

  // The pass handed out ahead becomes this page's pass at its turn, timed by this page's clock from
  // the answer (servers' and browsers' clocks differ): no poll at the turn, and an answer that came
  // late delays no claim. Shown, not written to SWR's cache: a refusal since (sold out) still
  // shows, and a poll that failed and will be asked again hides no turn. Matched by token: an
  // answer from a server whose clock is a little behind, with the same pass, takes no turn back.
  const next = data?.next;
  const [turnCame, setTurnCame] = useState<typeof next>();
  useEffect(() => {
    if (!next) return;
    const timer = setTimeout(() => setTurnCame(next), next.inMs);
    return () => clearTimeout(timer);
  }, [next]);
  const place: MyQueue | null | undefined =
    data && next && turnCame?.token === next.token && !final
      ? {
          status: "admitted",
          position: data.position,
          ahead: 0,
          pass: { token: next.token, expiresAt: next.expiresAt },
        }
      : data;
  return { ...swr, data: place, joined };
}
