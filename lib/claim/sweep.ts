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
// query of its paid holds (few items or none) each sweep, one of its ended claims each minute, and
// every 15 minutes its full audit and a read of its unpaid holds.

/** A drop is reconciled until a day after its end. */
const RECONCILE_AFTER_END_MS = 24 * 3_600_000;
/**
 * A drop found in agreement is audited again once its stock items change, or once one of its claims
 * gave its unit back since (its drop's ended claims, lib/db/lists.ts): a unit whose return was lost
 * (or crashed) strands without changing the stock items, but never before its claim joined that
 * list. So a quiet drop is rechecked every minute with one query that reads nothing unless a claim
 * ended, not by reading all its claims each minute.
 */
const RECHECK_MS = 60_000;
/**
 * Ended claims are looked at from this long before each check: a claim's end is dated before its
 * write, which may retry for 30 s, and the index lags behind the write.
 */
const ENDED_LOOKBACK_MS = 2 * WRITER_DEAD_MS;
/**
 * However quiet, an agreed drop is audited in full this often, and its unpaid holds are read for a
 * payment too: a unit stranded, or a hold paid, by a path that left no trace in those lists (a
 * server from before them, still answering during a rollout) is still found by itself.
 */
const FULL_CHECK_EVERY_MS = 15 * 60_000;
/**
 * Per drop: the fingerprint it agreed at, when (sweep time) it was last audited and last checked,
 * and from when (this clock) ended claims count.
 */
const agreed = new Map<
  string,
  { fingerprint: string; auditedAt: number; checkedAt: number; since: number }
>();
/** Per drop: when (sweep time) its unpaid holds were last read for a payment. */
const unpaidRead = new Map<string, number>();

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
    const unpaidToo = now - (unpaidRead.get(drop.id) ?? -Infinity) >= FULL_CHECK_EVERY_MS;
    paid += await reconcilePayments({ dropId: drop.id, now, unpaidToo });
    if (unpaidToo) remember(unpaidRead, drop.id, now);
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
 * changed, or every FULL_CHECK_EVERY_MS, re-read consistently. `since` lags this clock by
 * ENDED_LOOKBACK_MS: a claim that ended just before an audit may not have been in its listing yet.
 */
async function reconcileWhenQuiet(listed: DropState, now: number): Promise<number> {
  if (writing(listed, now)) return 0;
  const seen = agreed.get(listed.id);
  if (seen?.fingerprint === fingerprintOf(listed) && now - seen.auditedAt < FULL_CHECK_EVERY_MS) {
    if (now - seen.checkedAt < RECHECK_MS) return 0;
    const checkedFrom = Date.now() - ENDED_LOOKBACK_MS;
    if (!(await endedSince(listed.id, seen.since))) {
      agreed.set(listed.id, { ...seen, checkedAt: now, since: checkedFrom });
      return 0;
    }
  }
  const state = await getDropState({ id: listed.id, consistent: true });
  if (!state || state.phase === "draft" || writing(state, now)) return 0;
  const checkedFrom = Date.now() - ENDED_LOOKBACK_MS;
  const report = await auditDrop({ dropId: state.id, now, by: "sweeper" });
  if (report.action === "none")
    remember(agreed, state.id, {
      fingerprint: fingerprintOf(state),
      auditedAt: now,
      checkedAt: now,
      since: checkedFrom,
    });
  return report.returned;
}

/** A per-drop memory of this process: it only saves reads, so the oldest goes past 10,000 drops. */
function remember<T>(memory: Map<string, T>, dropId: string, value: T) {
  memory.set(dropId, value);
  if (memory.size > 10_000) memory.delete(memory.keys().next().value as string);
}
