"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { api, ApiError } from "@/lib/hooks/fetcher";
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

/** Exported for its tests; the page uses it through useProofOfWork. */
export class Solver {
  private solution?: { payload: string; expiresAt: number };
  private solving?: Promise<void>;
  private worker?: Worker;
  private noWorker = false;
  /** Settles the solve in the worker, if one is under way (stop() ends it with no answer). */
  private settle?: (n: number | undefined) => void;
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
    void this.prepare().catch(() => undefined);
  }

  /** Prepares the next solution (after a claim has its answer), if still running. */
  renew() {
    void this.prepare().catch(() => undefined);
  }

  /** Stops solving; a solve under way ends without an answer (a later start() begins afresh). */
  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = undefined;
    this.settle?.(undefined);
  }

  /**
   * A solution for one claim, waiting for one if needed. The next one is prepared by renew(), once
   * the claim has its answer: fetching and solving it meanwhile would compete with the claim.
   * Rejects with the API's answer when a challenge cannot be had (an expired token, a drop gone).
   */
  async take(): Promise<string> {
    for (;;) {
      const at = this.usable();
      if (at) {
        this.solution = undefined;
        this.emit();
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
        if (!this.running) return; // stopped meanwhile: a later start() begins afresh
        if (number === undefined) throw new Error("no solution within the challenge's maxnumber");
        const expiresAt = fetchedAt + CHALLENGE_SECONDS * 1000;
        this.solution = { payload: payloadOf(challenge, number), expiresAt };
        clearTimeout(this.timer);
        const renewIn = Math.max(1000, expiresAt - RENEW_BEFORE_MS - Date.now());
        this.timer = setTimeout(() => void this.prepare(true).catch(() => undefined), renewIn);
        return;
      } catch (err) {
        // The server's "no" (401, 404…) will not change by asking again: say so to the claim.
        if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) throw err;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
      }
    }
  }

  /** In a worker where the browser can run one; on this thread (fast when calm) where not. */
  private solveOff(challenge: Challenge): Promise<number | undefined> {
    if (!this.running) return Promise.resolve(undefined);
    if (!this.noWorker && !this.worker) {
      try {
        this.worker = newWorker();
      } catch {
        this.noWorker = true;
      }
    }
    const worker = this.worker;
    if (!worker) return Promise.resolve(solve(challenge));
    return new Promise((resolve) => {
      this.settle = (n) => {
        this.settle = undefined;
        resolve(n);
      };
      worker.onmessage = (e: MessageEvent<number | null>) => this.settle?.(e.data ?? undefined);
      worker.onerror = () => {
        // The worker would not load or run: solve here from now on.
        worker.terminate();
        this.worker = undefined;
        this.noWorker = true;
        this.settle?.(solve(challenge));
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
 * X-Altcha header. Solves only while `active` (the drop asks for it, is scheduled or live, and the
 * shopper may still claim); `take({ now: true })` solves one even so (the drop was just switched
 * to "pow" and this page has not heard yet).
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
    () => !active,
  );
  return {
    ready,
    /** After a claim's answer: solve the next one in the background (if still asked for). */
    renew: () => {
      if (active) solver?.renew();
    },
    take: async ({ now = false } = {}) => {
      if (!solver || (!active && !now)) return undefined;
      const payload = await solver.take();
      if (!active) solver.stop(); // solved on demand: no renewing in the background meanwhile
      return payload;
    },
  };
}
