// The page's proof-of-work solver (lib/hooks/use-proof-of-work.ts) with a fake worker and a fake
// challenge route: a stop in the middle of a solve must never leave it waiting forever, a
// refusal by the server reaches the claim, and a worker that will not run falls back to the page.
import { createChallenge } from "altcha-lib/v1";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { solve } from "@/lib/hooks/pow-solve";
import { Solver } from "@/lib/hooks/use-proof-of-work";

let challengeStatus = 200;
let fetches = 0;
let workers: FakeWorker[] = [];
let workerBroken = false;
const SOLVE_MS = 200;

class FakeWorker {
  onmessage?: (e: { data: number | null }) => void;
  onerror?: () => void;
  terminated = false;
  constructor() {
    workers.push(this);
  }
  postMessage(c: Parameters<typeof solve>[0]) {
    setTimeout(() => {
      if (this.terminated) return; // a terminated worker never answers
      if (workerBroken) this.onerror?.();
      else this.onmessage?.({ data: solve(c) ?? null });
    }, SOLVE_MS);
  }
  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  challengeStatus = 200;
  fetches = 0;
  workers = [];
  workerBroken = false;
  vi.stubGlobal("Worker", FakeWorker);
  vi.stubGlobal("fetch", async () => {
    fetches++;
    if (challengeStatus !== 200)
      return Response.json(
        { error: { code: "UNAUTHENTICATED", message: "expired" } },
        { status: challengeStatus },
      );
    return Response.json(await createChallenge({ hmacKey: "k", maxNumber: 1000 }));
  });
});
afterEach(() => vi.unstubAllGlobals());

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);

describe("the page's solver", () => {
  it("solves in the background and hands one solution to one claim; renew() prepares the next", async () => {
    const s = new Solver("d1", "t");
    s.start();
    await vi.waitFor(() => expect(s.ready()).toBe(true));
    const payload = await s.take();
    expect(JSON.parse(atob(payload))).toMatchObject({ algorithm: "SHA-256" });
    expect(s.ready()).toBe(false);
    s.renew(); // the page calls it once the claim has its answer
    await vi.waitFor(() => expect(s.ready()).toBe(true));
    expect(fetches).toBe(2);
    s.stop();
  });

  it("stopped in the middle of a solve, it starts afresh and answers (it never waits forever)", async () => {
    const s = new Solver("d1", "t");
    s.start();
    await new Promise((r) => setTimeout(r, SOLVE_MS / 4)); // the worker is solving
    expect(workers.length).toBe(1);
    s.stop();
    s.start();
    expect(typeof (await within(s.take(), 3000))).toBe("string");
    s.stop();
  });

  it("a refusal of the challenge (an expired shopper token) reaches the claim instead of a wait", async () => {
    challengeStatus = 401;
    const s = new Solver("d1", "t");
    await expect(within(s.take(), 3000)).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    s.stop();
  });

  it("a worker that will not run: the page solves it itself", async () => {
    workerBroken = true;
    const s = new Solver("d1", "t");
    expect(typeof (await within(s.take(), 3000))).toBe("string");
    s.stop();
  });
});
