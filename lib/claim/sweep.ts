import "server-only";
import { auditDrop } from "@/lib/claim/audit";
import { releaseExpiredHolds } from "@/lib/claim/holds";
import { WRITER_DEAD_MS } from "@/lib/db/connect";
import { getDropState, listDrops } from "@/lib/drop/drops";

// The sweeper: Vercel Cron every minute, a 5 s timer in the local servers. For every published drop
// it returns the units of expired holds, and reconciles the drop (lib/claim/audit.ts) once no writer
// can be in flight, so a unit stranded by a crash or a lost answer is back on sale by itself.

/** A drop is reconciled until a day after its end. */
const RECONCILE_AFTER_END_MS = 24 * 3_600_000;
/** A quiet drop found in agreement is not audited again by this process for a minute. */
const AGREED_FOR_MS = 60_000;
const agreed = new Map<string, { fingerprint: string; at: number }>();

export async function sweep({ now }: { now: number }) {
  const drops = await listDrops({ now });
  let released = 0;
  let returned = 0;
  for (const drop of drops) {
    released += await releaseExpiredHolds({ dropId: drop.id, now });
    returned += await reconcileWhenQuiet({ dropId: drop.id, now });
  }
  return { drops: drops.length, released, returned };
}

/** Units returned to stock. Reads the drop item first: the audit's query runs only on quiet drops. */
async function reconcileWhenQuiet({ dropId, now }: { dropId: string; now: number }): Promise<number> {
  const state = await getDropState({ id: dropId, consistent: true });
  if (!state || state.phase === "draft" || now - state.endsAt > RECONCILE_AFTER_END_MS) return 0;
  const lastWrite = Math.max(state.lastTakenAt ?? 0, state.lastReturnedAt ?? 0);
  if (now - lastWrite < WRITER_DEAD_MS) return 0; // a claim may still be on its way
  const fingerprint = `${state.remainingStock}/${state.totalStock}/${lastWrite}`;
  const seen = agreed.get(dropId);
  if (seen?.fingerprint === fingerprint && now - seen.at < AGREED_FOR_MS) return 0;
  const report = await auditDrop({ dropId, now, by: "sweeper" });
  if (report.action === "none") agreed.set(dropId, { fingerprint, at: now });
  if (agreed.size > 10_000) agreed.delete(agreed.keys().next().value as string);
  return report.returned;
}
