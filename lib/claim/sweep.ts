import "server-only";
import { auditDrop } from "@/lib/claim/audit";
import { releaseDueUnlessQuiet } from "@/lib/claim/holds";
import { reconcilePayments } from "@/lib/claim/paid";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { copySettings } from "@/lib/stock/settings";
import { getDropState } from "@/lib/stock/reads";
import { ensureFeedEntries, sweptDropStates } from "@/lib/drop/feed-entries";
import type { DropState } from "@/lib/stock/status";

// The sweeper: Vercel Cron every minute, a 5 s timer in the local servers. For every published drop
// it returns the units of expired holds, and reconciles the drop (lib/claim/audit.ts) once no writer
// can be in flight, so a unit stranded by a crash or a lost answer is back on sale by itself.
// With payments on, it first asks the provider about holds whose payment it never heard of (lib/claim/paid.ts).
// It lists only drops open or ended in the last day (their feed entries by end, whatever the
// catalogue holds), and rewrites a feed entry that disagrees with its drop (lib/drop/feed-entries.ts).
// A quiet drop costs nothing past the listing: one index query and one batch read for all drops.

/** A drop is reconciled until a day after its end. */
const RECONCILE_AFTER_END_MS = 24 * 3_600_000;
/**
 * A drop found in agreement is audited again once its stock items change, or after a minute: a
 * hold whose unit's return was lost (or crashed) strands a unit without changing the stock items,
 * so a quiet drop is still rechecked every minute.
 */
const AGREED_FOR_MS = 60_000;
const agreed = new Map<string, { fingerprint: string; at: number }>();

export async function sweep({ now }: { now: number }) {
  await ensureFeedEntries(); // once per table from before feed entries; then nothing
  const since = now - RECONCILE_AFTER_END_MS;
  const drops = (await sweptDropStates({ since })).filter((d) => d.endsAt >= since);
  let released = 0;
  let returned = 0;
  let paid = 0;
  for (const drop of drops) {
    // A window or phase write that stopped before every shard had its copy (a crash) is finished.
    if (drop.shards?.some((s) => (s.settingsVersion ?? 0) < (drop.settingsVersion ?? 0)))
      await copySettings(drop);
    // Payments the app never heard about are settled before their holds can expire.
    paid += await reconcilePayments({ dropId: drop.id, now });
    released += await releaseDueUnlessQuiet(drop, now);
    returned += await reconcileWhenQuiet(drop, now);
  }
  return { drops: drops.length, released, returned, paid };
}

const fingerprintOf = (s: DropState) =>
  `${s.remainingStock}/${s.totalStock}/${Math.max(s.lastTakenAt ?? 0, s.lastReturnedAt ?? 0)}`;

/** Is this drop due an audit? The listing's (eventually consistent) state answers most drops. */
function due(state: DropState, now: number): boolean {
  const lastWrite = Math.max(state.lastTakenAt ?? 0, state.lastReturnedAt ?? 0);
  if (now - lastWrite < WRITER_DEAD_MS) return false; // a claim may still be on its way
  const seen = agreed.get(state.id);
  return !(seen?.fingerprint === fingerprintOf(state) && now - seen.at < AGREED_FOR_MS);
}

/** Units returned to stock. The audit's query runs only on a quiet drop, re-read consistently. */
async function reconcileWhenQuiet(listed: DropState, now: number): Promise<number> {
  if (!due(listed, now)) return 0;
  const state = await getDropState({ id: listed.id, consistent: true });
  if (!state || state.phase === "draft" || !due(state, now)) return 0;
  const report = await auditDrop({ dropId: state.id, now, by: "sweeper" });
  if (report.action === "none") agreed.set(state.id, { fingerprint: fingerprintOf(state), at: now });
  if (agreed.size > 10_000) agreed.delete(agreed.keys().next().value as string);
  return report.returned;
}
