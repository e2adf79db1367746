// The proof of work's CPU figures, measured in this process on real signed challenges
// (lib/security/pow.ts): how fast a bot (native SHA-256), altcha-lib's own solver and a browser
// (the page's solver in Chromium) find solutions, and what checking one costs the server.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { PerformanceObserver } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { solveChallenge } from "altcha-lib/v1";
import { latency, type Latency } from "@/lib/race/stats";
import { checkSolution, issueChallenge, type AltchaChallenge } from "@/lib/security/pow";

/** Hashes per second and what they were measured on. */
export type SolveRate = { hashesPerSecond: number; solves: number; hashes: number; seconds: number };

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** As a bot solves: native SHA-256 over salt + n, counting up. Returns the number. */
export function solveNative(c: AltchaChallenge): number {
  const max = c.maxnumber ?? 1e6; // altcha-lib's default, for a challenge that does not say
  for (let n = 0; n <= max; n++) if (sha256Hex(c.salt + n) === c.challenge) return n;
  throw new Error("A challenge with no solution in [0, maxnumber].");
}

/** The X-Altcha header for a solved challenge: base64 of the ALTCHA payload. */
export function altchaHeader(c: AltchaChallenge, number: number): string {
  const { algorithm, challenge, salt, signature } = c;
  return Buffer.from(JSON.stringify({ algorithm, challenge, number, salt, signature })).toString("base64");
}

const challenges = (count: number, maxNumber: number) =>
  Promise.all(
    Array.from({ length: count }, (_, i) =>
      issueChallenge({ dropId: "bench-pow", shopperId: `bench-${i}`, maxNumber }),
    ),
  );

const rateOf = (solves: number, hashes: number, ms: number): SolveRate => ({
  hashesPerSecond: Math.round(hashes / (ms / 1000)),
  solves,
  hashes,
  seconds: Math.round(ms) / 1000,
});

/** `count` real challenges of `maxNumber`, solved natively one after another on this one thread. */
export async function nativeRate(count: number, maxNumber: number): Promise<SolveRate> {
  const list = await challenges(count, maxNumber);
  const started = performance.now();
  const hashes = list.reduce((sum, c) => sum + solveNative(c) + 1, 0); // n + 1 tries to find n
  return rateOf(list.length, hashes, performance.now() - started);
}

/**
 * altcha-lib's `solveChallenge` (WebCrypto, one awaited digest per try) in Node, on
 * challenges of `maxNumber`, for `budgetMs`. Its rate per hash does not depend on the difficulty.
 */
export async function altchaLibRate(maxNumber: number, budgetMs: number): Promise<SolveRate> {
  const list = await challenges(200, maxNumber);
  let hashes = 0;
  let solves = 0;
  const started = performance.now();
  for (const c of list) {
    if (performance.now() - started > budgetMs) break;
    const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
    if (!solution) throw new Error("altcha-lib found no solution.");
    hashes += solution.number + 1;
    solves++;
  }
  return rateOf(solves, hashes, performance.now() - started);
}

// The page's solver, as a string: lib/hooks/pow-solve.ts's loop (@noble/hashes: the salt hashed
// once, a cloned state per try), on the main thread, with noble loaded from node_modules by the
// throwaway server. A string so the bundler adds no helpers to it.
const BROWSER_SOLVER = `async ({ list, budgetMs }) => {
  const { sha256 } = await import("/noble/sha2.js");
  const { hexToBytes, utf8ToBytes } = await import("/noble/utils.js");
  let hashes = 0;
  let solves = 0;
  const t0 = performance.now();
  for (const c of list) {
    if (performance.now() - t0 > budgetMs) break;
    const target = hexToBytes(c.challenge);
    const base = sha256.create().update(utf8ToBytes(c.salt));
    const max = c.maxnumber ?? 1e6;
    for (let n = 0; n <= max; n++) {
      hashes++;
      const d = base.clone().update(utf8ToBytes(String(n))).digest();
      let same = true;
      for (let i = 0; i < 32 && same; i++) same = d[i] === target[i];
      if (same) {
        solves++;
        break;
      }
    }
  }
  return { hashes, solves, ms: performance.now() - t0, secure: isSecureContext };
}`;

/**
 * The page's solver's rate in the system Chromium, on a throwaway page at http://127.0.0.1.
 * Undefined, with the reason, when there is no Chromium to drive.
 */
export async function chromiumRate(
  maxNumber: number,
  budgetMs: number,
  executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
): Promise<SolveRate | { skipped: string }> {
  const noble = join(process.cwd(), "node_modules", "@noble", "hashes");
  const server = createServer((req, res) => {
    const file = req.url?.match(/^\/noble\/([\w-]+\.js)$/)?.[1];
    if (file) {
      readFile(join(noble, file)).then(
        (js) => res.writeHead(200, { "content-type": "text/javascript" }).end(js),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>pow bench</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath }).catch((err: Error) => err);
  try {
    if (browser instanceof Error)
      return { skipped: `Chromium did not start: ${browser.message.split("\n")[0]}` };
    const page = await browser.newPage();
    await page.goto(url);
    const list = await challenges(200, maxNumber);
    const arg = JSON.stringify({ list, budgetMs });
    const r = (await page.evaluate(`(${BROWSER_SOLVER})(${arg})`)) as {
      hashes: number;
      solves: number;
      ms: number;
      secure: boolean;
    };
    if (!r.secure) return { skipped: `${url} was not a secure context` };
    return rateOf(r.solves, r.hashes, r.ms);
  } finally {
    if (!(browser instanceof Error)) await browser.close();
    server.close();
  }
}

/** Checks run before the measured ones, so V8's optimising compiler is done with checkSolution. */
const WARM_UP_CHECKS = 1000;

export type Verification = {
  payloads: number;
  /** Wall time of each awaited checkSolution, in µs (WebCrypto's hops to its thread included). */
  wallMicros: Latency;
  /**
   * Process CPU (every thread) of each check, in µs: what the server pays. Wall minus this is
   * waiting (for a core, on a loaded machine), not work.
   */
  cpuMicros: Latency;
  /** This process's garbage collections during the loop: a cause of the tail. */
  gc: { count: number; ms: number };
};

/**
 * `checkSolution` (the whole check before a claim writes: decode, schema, binding, two SHA-256
 * and the HMAC; no database) on `count` distinct solved payloads, one at a time. Solved at the
 * calm difficulty to keep the setup short: checking costs the same whatever the difficulty.
 */
export async function verification(count: number, maxNumber: number): Promise<Verification> {
  const dropId = "bench-pow-verify";
  const solved = await Promise.all(
    Array.from({ length: count + WARM_UP_CHECKS }, async (_, i) => {
      const shopperId = `bench-${i}`;
      const c = await issueChallenge({ dropId, shopperId, maxNumber });
      return { shopperId, header: altchaHeader(c, solveNative(c)) };
    }),
  );
  const check = async ({ shopperId, header }: { shopperId: string; header: string }) => {
    const result = await checkSolution(header, { dropId, shopperId });
    if (result === "expired") throw new Error("A fresh solution was judged expired.");
  };
  for (const s of solved.slice(count)) await check(s); // warm-up: JIT tiers and WebCrypto's threads
  const wall: number[] = [];
  const cpu: number[] = [];
  const gc = { count: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  for (const s of solved.slice(0, count)) {
    const c = process.cpuUsage();
    const t = performance.now();
    await check(s);
    wall.push((performance.now() - t) * 1000);
    const used = process.cpuUsage(c);
    cpu.push(used.user + used.system);
  }
  await new Promise((r) => setImmediate(r)); // the observer's last entries
  observer.disconnect();
  return {
    payloads: count,
    wallMicros: latency(wall),
    cpuMicros: latency(cpu),
    gc: { count: gc.count, ms: Math.round(gc.ms * 10) / 10 },
  };
}
