import { formatDuration } from "@/lib/format";
import type { Claim } from "@/lib/schemas/claim";

/** A won claim: the unit is held for this shopper until the deadline. */
export function HoldCard({ claim, serverNow }: { claim: Claim; serverNow: number }) {
  const left = Date.parse(claim.holdExpiresAt) - serverNow;
  return (
    <div data-testid="hold" className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-900">
      <p className="font-bold">It&apos;s yours! One unit is held for you.</p>
      <p className="text-sm">
        Claim <span className="font-mono">{claim.id.slice(0, 8)}</span> · hold expires{" "}
        <time dateTime={claim.holdExpiresAt}>{new Date(claim.holdExpiresAt).toLocaleTimeString()}</time>
        {left > 0 && <> (in <span className="font-mono tabular-nums">{formatDuration(left)}</span>)</>}
      </p>
    </div>
  );
}
