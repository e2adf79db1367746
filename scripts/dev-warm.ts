// `next dev` compiles each page and route the first time it is asked for (10–20 s apiece on a
// 2-core machine), so a newcomer's first claim used to wait half a minute on the compiler.
// `npm run dev` asks for a shopper's pages and routes before it says it is ready; the admin's
// pages (two minutes more) still compile on first use.

/** What a shopper's first claim goes through, in the order the drop page asks for it. */
export const SHOPPER_PATH = [
  "/drops/aurora-runner",
  "/api/shoppers",
  "/api/drops/aurora-runner/stock",
  "/api/drops/aurora-runner/claims/me",
  "/api/drops/aurora-runner/challenge",
  "/api/drops/aurora-runner/claims",
  "/",
];

/**
 * Asks for each path once, a few at a time: a page by GET, a route by OPTIONS, which Next.js answers
 * from the compiled route file without running a handler (a GET of a POST-only route would get
 * proxy.ts's 405 and compile nothing). Nothing is written: no credentials, no handler run.
 */
export async function warm(url: string, paths: string[], concurrency = 3): Promise<void> {
  const queue = [...paths];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift())
      await fetch(`${url}${path}`, {
        method: path.startsWith("/api/") ? "OPTIONS" : "GET",
        redirect: "manual",
        signal: AbortSignal.timeout(120_000),
      })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
