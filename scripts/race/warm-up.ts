// `npm run start:local`'s warm-up: a small race on a rehearsal drop of its own, deleted after, so
// the first race a judge runs meets a server whose claim path V8 has compiled, whose database
// sockets are open, and whose embedded database is warm too. Cold, the same race's CPU cost is
// about twice as high and its tail (p99) 1.5–2 s (docs/performance.md).
import { planAttempts } from "@/lib/race/plan";
import { fireClaims } from "./fire";
import { createHttpClient } from "./http-pool";
import type { Progress } from "./progress";
import { createRaceDrop, mintShoppers, warmSockets } from "./setup";

const SHOPPERS = 1000;
const DUPS = 1000;
const STOCK = 100;
const CONCURRENCY = 256;

/** Races a throwaway drop; returns the claims it sent. Throws when a step fails (the server runs on). */
export async function warmUp({ url, adminToken }: { url: string; adminToken: string }): Promise<number> {
  const http = createHttpClient({ url, sockets: CONCURRENCY });
  const progress: Progress = {
    phase: () => undefined,
    tick: () => undefined,
    note: () => undefined,
    done: () => undefined,
  };
  try {
    const shoppers = await mintShoppers(http, SHOPPERS, CONCURRENCY, progress, adminToken);
    const drop = await createRaceDrop(http, {
      adminToken,
      stock: STOCK,
      maxPerShopper: 1,
      startsAt: Date.now() + 1000,
      name: "Warm-up of npm run start:local",
      description: "A rehearsal the local server races on itself before it takes traffic; deleted after.",
    });
    await warmSockets(http, drop.id, CONCURRENCY);
    const attempts = planAttempts(shoppers.length, DUPS);
    // Claims sent before the start are answered NOT_STARTED and sent again (scripts/race/fire.ts).
    await fireClaims(http, { dropId: drop.id, shoppers, attempts, concurrency: CONCURRENCY, progress });
    const deleted = await http.request("DELETE", `/api/admin/drops/${drop.id}`, { token: adminToken });
    if (deleted.status !== 200) throw new Error(`DELETE of the warm-up drop answered ${deleted.status}`);
    return attempts.length;
  } finally {
    http.close();
  }
}
