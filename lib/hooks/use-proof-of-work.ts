"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { api } from "@/lib/hooks/fetcher";
import { payloadOf, solve, type Challenge } from "@/lib/hooks/pow-solve";
import { CHALLENGE_SECONDS } from "@/lib/security/pow-difficulty";

// The proof of work of a "pow" drop, done before the shopper presses Claim: a challenge is fetched
// and solved in a worker while they watch the countdown, renewed before it runs out, and handed to
// one claim. The shopper sees "Getting ready…" at most, never a puzzle.

export const challengeUrl = (dropId: string) => `/api/drops/${dropId}/challenge`;

/** Renewed this long before it runs out (on this tab's clock, from when it was fetched). */
const RENEW_BEFORE_MS = 30_000;
/** Not handed to a claim with less than this left: a claim's retries need some time too. */
const USABLE_FOR_MS = 15_000;

class Solver {
  private solution?: { payload: string; expiresAt: number };
  private solving?: Promise<void>;
  private worker?: Worker;
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly dropId: string,
    private readonly token: string,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** A solution is at hand (what the page shows). */
  ready = () => this.usable() !== undefined;

  start() {
    this.running = true;
    void this.prepare();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** A solution for one claim, waiting for one if needed; the next one is prepared at once. */
  async take(): Promise<string> {
    for (;;) {
      const at = this.usable();
      if (at) {
        this.solution = undefined;
        this.emit();
        void this.prepare();
        return at.payload;
      }
      if (!this.running) this.start();
      await this.prepare(true);
    }
  }

  private usable() {
    return this.solution && this.solution.expiresAt - Date.now() > USABLE_FOR_MS ? this.solution : undefined;
  }

  /** Solves one unless one is usable (or `renew`), sharing a solve already under way. */
  private prepare(renew = false): Promise<void> {
    if (!this.running || (!renew && this.usable())) return Promise.resolve();
    this.solving ??= this.solveOne().finally(() => {
      this.solving = undefined;
      this.emit();
    });
    return this.solving;
  }

  private async solveOne(): Promise<void> {
    for (let attempt = 0; this.running; attempt++) {
      try {
        const fetchedAt = Date.now();
        const challenge = await api<Challenge>(challengeUrl(this.dropId), { token: this.token });
        const number = await this.solveOff(challenge);
        if (number === undefined) throw new Error("unsolvable challenge");
        const expiresAt = fetchedAt + CHALLENGE_SECONDS * 1000;
        this.solution = { payload: payloadOf(challenge, number), expiresAt };
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.prepare(true), expiresAt - RENEW_BEFORE_MS - Date.now());
        return;
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
      }
    }
  }

  /** In a worker where the browser has them; on this thread (still fast at calm difficulty) if not. */
  private solveOff(challenge: Challenge): Promise<number | undefined> {
    try {
      this.worker ??= newWorker();
    } catch {
      return Promise.resolve(solve(challenge));
    }
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<number | null>) => resolve(e.data ?? undefined);
      worker.onerror = () => {
        this.worker = undefined;
        reject(new Error("the solver failed"));
      };
      worker.postMessage(challenge);
    });
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

const noSubscription = () => () => undefined;

// Written exactly so: the bundler turns `new Worker(new URL(…, import.meta.url))` into a worker
// entry of its own.
function newWorker(): Worker {
  return new Worker(new URL("./pow-worker.ts", import.meta.url));
}

/**
 * This tab's proof of work for a drop: `ready` once a solution is at hand, `take()` for a claim's
 * X-Altcha header (undefined when the drop asks none). Works only while `active` (the drop is
 * scheduled or live and the shopper may still claim).
 */
export function useProofOfWork(dropId: string, token: string | undefined, active: boolean) {
  const solver = useMemo(() => (token ? new Solver(dropId, token) : undefined), [dropId, token]);
  useEffect(() => {
    if (!solver || !active) return;
    solver.start();
    return () => solver.stop();
  }, [solver, active]);
  const ready = useSyncExternalStore(
    solver?.subscribe ?? noSubscription,
    () => !active || (solver?.ready() ?? false),
    () => false,
  );
  return { ready, take: async () => (active && solver ? solver.take() : undefined) };
}
