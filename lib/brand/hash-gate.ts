import "server-only";
import { AppError } from "@/lib/errors";

// scrypt costs ~0.1–0.3 s of a core and 32 MiB: unbounded, 80 sign-ins in flight made a real
// owner's take 42 s. So each process runs at most RUNNING hashes at once and lets at most QUEUED
// wait; past that the answer is 503 UNAVAILABLE at once (Retry-After), before any work.
const RUNNING = 2;
const QUEUED = 8;

let running = 0;
const waiting: (() => void)[] = [];
/** How long a hash takes here lately (ms): what an unknown email's answer waits, see `imitateHash`. */
let typicalMs: number | undefined;

const busy = () =>
  new AppError("UNAVAILABLE", "Sign-in is busy. Please try again in a moment.", undefined, {
    "Retry-After": "1",
  });

/** Runs one password hash within the bound: at once, after a short queue, or refused (503). */
export async function gateHash<T>(hash: () => Promise<T>): Promise<T> {
  if (running < RUNNING) running++;
  else if (waiting.length < QUEUED) await new Promise<void>((start) => waiting.push(start));
  else throw busy();
  const started = performance.now();
  try {
    return await hash();
  } finally {
    const ms = performance.now() - started;
    typicalMs = typicalMs === undefined ? ms : 0.8 * typicalMs + 0.2 * ms;
    const next = waiting.shift();
    if (next)
      next(); // its slot passes on, so `running` stays as it is
    else running--;
  }
}

/**
 * What checking an unknown email does instead of a hash: the answer a real check would get now (503
 * when the gate is full), after about the time it would take (the queue ahead, then one hash), for
 * no CPU. So random emails cannot load the gate, and their answers still look like a real member's.
 * `seed` runs one real hash while no hash has been timed yet.
 */
export async function imitateHash(seed: () => Promise<unknown>): Promise<void> {
  if (typicalMs === undefined) return void (await gateHash(seed));
  if (running >= RUNNING && waiting.length >= QUEUED) throw busy();
  const rounds = Math.floor((running + waiting.length) / RUNNING) + 1;
  await new Promise((r) => setTimeout(r, rounds * typicalMs!));
}
