"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { removeMember, useAction } from "@/lib/hooks/actions";
import type { Member } from "@/lib/schemas/brand";

/** A brand's members; removing one (confirmed first) ends their sessions at once. */
export function MembersTable({
  brandId,
  members,
  self,
}: {
  brandId: string;
  members: Member[];
  self?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<Member>();
  const { busy, error, run } = useAction({ fallback: "Could not remove the member." });

  async function remove(member: Member) {
    setPending(undefined);
    const outcome = await run(() => removeMember(brandId, member.id));
    if (outcome.ok) router.refresh();
  }

  if (members.length === 0)
    return <p className="text-sm text-zinc-500">No members yet: invite the first one.</p>;
  return (
    <div className="space-y-3">
      {/* relative: the sr-only labels inside are clipped by this box, not the page (no sideways scroll) */}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of the brand</caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Name
              </th>
              <th scope="col" className="py-2 pr-3">
                Email
              </th>
              <th scope="col" className="py-2 pr-3">
                Role
              </th>
              <th scope="col" className="py-2 pr-3">
                Joined
              </th>
              <th scope="col" className="py-2 pr-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row" className="border-t border-zinc-100">
                <th scope="row" className="py-2 pr-3 font-semibold">
                  {m.name}
                  {m.id === self && <span className="ml-1 font-normal text-zinc-500">(you)</span>}
                </th>
                <td className="py-2 pr-3">{m.email}</td>
                <td className="py-2 pr-3">{m.role}</td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap">
                  <LocalTime iso={m.createdAt} />
                </td>
                <td className="py-2 pr-3 text-right">
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending(m)}
                    className="rounded-lg border border-rose-700 px-3 py-1 text-xs font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-50"
                  >
                    Remove<span className="sr-only"> {m.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="alert" className="text-sm font-medium text-rose-700 empty:hidden">
        {error}
      </p>
      <ConfirmDialog
        open={pending !== undefined}
        title="Remove this member?"
        confirmLabel="Remove"
        destructive
        onCancel={() => setPending(undefined)}
        onConfirm={() => pending && void remove(pending)}
      >
        {pending && (
          <>
            {pending.name} ({pending.email}) loses access at once: their sessions end now. To bring them back,
            invite them again.
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
