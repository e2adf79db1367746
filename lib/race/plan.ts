// The plan of a race and the pool that fires it: shared by `npm run race` (Node) and the race arena
// (the browser), so both race the same way. Pure code: no Node or DOM APIs beyond Web Crypto.

export type Attempt = { shopper: number; key?: string; dup: boolean };
/** One attempt's answer: HTTP status (0 = no answer), error code, the claim it won, round trip in ms. */
export type Outcome = Attempt & {
  status: number;
  code?: string;
  claimId?: string;
  ms: number;
  /** When it was sent, ms after the race's first request. */
  at?: number;
  early: number;
  error?: string;
  /** The server's `Server-Timing` (ms by phase: total, db, cache, gate, replay), when it sent one. */
  server?: Record<string, number>;
};

/**
 * `perShopper` clicks per shopper, without an Idempotency-Key (as the claim button sends them), and
 * `dups` more spread round-robin: even ones are a client's retry (original and duplicate share a key),
 * odd ones a double click (another request without a key). Each shopper's requests sit side by side in
 * the queue so they are in flight together; shoppers are shuffled.
 */
export function planAttempts(shoppers: number, dups: number, perShopper = 1): Attempt[] {
  const run = randomHex(4);
  const groups: Attempt[][] = Array.from({ length: shoppers }, (_, s) =>
    Array.from({ length: perShopper }, () => ({ shopper: s, dup: false })),
  );
  for (let j = 0; j < dups; j++) {
    const group = groups[j % shoppers] as Attempt[];
    const first = group[0] as Attempt;
    if (j % 2 === 0) first.key ??= `${run}-${first.shopper}`;
    group.push({ shopper: first.shopper, key: j % 2 === 0 ? first.key : undefined, dup: true });
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const k = Math.floor(Math.random() * (i + 1));
    [groups[i], groups[k]] = [groups[k] as Attempt[], groups[i] as Attempt[]];
  }
  return groups.flat();
}

/** Runs `work` over `items` with at most `concurrency` at once; results keep the items' order. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}
