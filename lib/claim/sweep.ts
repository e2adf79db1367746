import "server-only";
import { auditDrop } from "@/lib/claim/audit";
import { releaseDueUnlessQuiet } from "@/lib/claim/holds";
import { reconcilePayments } from "@/lib/claim/paid";
import { table } from "@/lib/db/client";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { listQuery, lists } from "@/lib/db/lists";
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
// A quiet drop costs little past the listing (one index query and one batch read for all drops): a
// query of its paid holds (few items or none) each sweep, and one of its ended claims each minute.

/** A drop is reconciled until a day after its end. */
const RECONCILE_AFTER_END_MS = 24 * 3_600_000;
/**
 * A drop found in agreement is audited again once its stock items change, or once one of its claims
 * gave its unit back since (its drop's ended claims, lib/db/lists.ts): a unit whose return was lost
 * (or crashed) strands without changing the stock items, but never before its claim joined that
 * list. So a quiet drop is rechecked every minute with one query that reads nothing unless a claim
 * ended, never by reading all its claims again.
 */
const RECHECK_MS = 60_000;
/** Per drop: the fingerprint it agreed at, when (sweep time) it was last checked, and from when (this clock) ended claims count. */
const agreed = new Map<string, { fingerprint: string; checkedAt: number; since: number }>();

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

/** A claim may still be on its way to the stock items: no audit can tell yet. */
const writing = (s: DropState, now: number) =>
  now - Math.max(s.lastTakenAt ?? 0, s.lastReturnedAt ?? 0) < WRITER_DEAD_MS;

/** Did any claim of the drop give its unit back at or after `since` (epoch ms)? Reads one item at most. */
async function endedSince(dropId: string, since: number): Promise<boolean> {
  const { Items = [] } = await table.query({
    ...listQuery(lists.endedOf(dropId), { op: ">", sortKey: new Date(since).toISOString() }),
    Limit: 1,
  });
  return Items.length > 0;
}

/**
 * Units returned to stock. The listing's (eventually consistent) state answers most drops; an
 * agreed one is rechecked by its ended claims; the audit's query runs only on a quiet drop that
 * changed, re-read consistently. `since` lags this clock by WRITER_DEAD_MS: a claim that ended just
 * before an audit may not have been in its listing yet.
 */
async function reconcileWhenQuiet(listed: DropState, now: number): Promise<number> {
  if (writing(listed, now)) return 0;
  const seen = agreed.get(listed.id);
  if (seen?.fingerprint === fingerprintOf(listed)) {
    if (now - seen.checkedAt < RECHECK_MS) return 0;
    const checkedFrom = Date.now() - WRITER_DEAD_MS;
    if (!(await endedSince(listed.id, seen.since))) {
      agreed.set(listed.id, { ...seen, checkedAt: now, since: checkedFrom });
      return 0;
    }
  }
  const state = await getDropState({ id: listed.id, consistent: true });
  if (!state || state.phase === "draft" || writing(state, now)) return 0;
  const checkedFrom = Date.now() - WRITER_DEAD_MS;
  const report = await auditDrop({ dropId: state.id, now, by: "sweeper" });
  if (report.action === "none")
    agreed.set(state.id, { fingerprint: fingerprintOf(state), checkedAt: now, since: checkedFrom });
  if (agreed.size > 10_000) agreed.delete(agreed.keys().next().value as string);
  return report.returned;
}
