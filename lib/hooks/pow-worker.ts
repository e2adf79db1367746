import { solve, type Challenge } from "@/lib/hooks/pow-solve";

// Solves one challenge off the page's thread: the countdown and the stock keep moving meanwhile.
self.onmessage = (event: MessageEvent<Challenge>) => {
  self.postMessage(solve(event.data) ?? null);
};
