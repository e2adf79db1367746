// Password hashing is bounded per process: a few at once, a short queue, then 503 before any work;
// an unknown email imitates a hash (same answer, about the same time) without doing one.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AppError } from "@/lib/errors";

let gate: typeof import("@/lib/brand/hash-gate");
beforeEach(async () => {
  vi.resetModules(); // each test starts with an idle gate and no timing yet
  gate = await import("@/lib/brand/hash-gate");
});

/** A hash that runs until `finish()` is called. */
function pendingHash() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const work = vi.fn(() => done.then(() => Buffer.alloc(32)));
  return { work, finish };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: AppError) =>
      err.name === "AppError" ? `${err.status} ${err.code} ${err.headers?.["Retry-After"]}` : "?",
  );

describe("the hash gate", () => {
  it("runs two at once, queues eight, and refuses the eleventh at once (503 + Retry-After) without running it", async () => {
    const hashes = Array.from({ length: 11 }, pendingHash);
    const answers = hashes.map((h) => codeOf(gate.gateHash(h.work)));
    expect(await answers[10]).toBe("503 UNAVAILABLE 1");
    expect(hashes.filter((h) => h.work.mock.calls.length > 0)).toHaveLength(2);
    expect(hashes[10]!.work).not.toHaveBeenCalled();
    for (const h of hashes) h.finish();
    expect(await Promise.all(answers.slice(0, 10))).toEqual(Array(10).fill("ok"));
    expect(hashes.slice(0, 10).every((h) => h.work.mock.calls.length === 1)).toBe(true);
  });

  it("an unknown email's imitation does no hash once one was timed, and answers 503 exactly when a real one would", async () => {
    const seed = pendingHash();
    const first = gate.imitateHash(seed.work); // nothing timed yet: this one hashes, to time it
    seed.finish();
    await first;
    expect(seed.work).toHaveBeenCalledTimes(1);

    const work = vi.fn(async () => Buffer.alloc(32));
    await gate.imitateHash(work);
    expect(work).not.toHaveBeenCalled();

    const hashes = Array.from({ length: 10 }, pendingHash); // two running, eight waiting: full
    const running = hashes.map((h) => gate.gateHash(h.work));
    expect(await codeOf(gate.imitateHash(work))).toBe("503 UNAVAILABLE 1");
    expect(await codeOf(gate.gateHash(work))).toBe("503 UNAVAILABLE 1");
    for (const h of hashes) h.finish();
    await Promise.all(running);
    expect(work).not.toHaveBeenCalled();
  });
});
