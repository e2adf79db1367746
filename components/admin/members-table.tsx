"use client";

import { DestructiveRowButton, useConfirmedRemoval } from "@/components/admin/confirmed-removal";
import { fromMd, onNarrow } from "@/components/admin/narrow-columns";
import { RemovalTable } from "@/components/admin/removal-table";
import { LocalTime } from "@/components/ui/local-time";
import { removeMember } from "@/lib/hooks/actions";
import type { Member } from "@/lib/schemas/brand";

const removeConfirm = {
  title: "Remove this member?",
  label: "Remove",
  body: (member: Member) => (
    <>
      {member.name} ({member.email}) loses access to this brand at once: their sessions here end now, and
      their pending invites and the API tokens they made are revoked. To bring them back, invite them again.
    </>
  ),
};

/**
 * A brand's members; removing one (confirmed first) ends their sessions at once. `invitesWaiting`:
 * with none joined yet, the page points at the pending invites rather than saying there is nobody.
 */
export function MembersTable({
  brandId,
  members,
  invitesWaiting,
  self,
}: {
  brandId: string;
  members: Member[];
  invitesWaiting: number;
  self?: string;
}) {
  const removal = useConfirmedRemoval({
    fallback: "Could not remove the member.",
    remove: (member: Member) => removeMember(brandId, member.id),
  });

  if (members.length === 0)
    return (
      <p data-testid="no-members" className="text-sm text-zinc-500">
        {invitesWaiting > 0
          ? `Nobody has joined yet: ${invitesWaiting === 1 ? "the invite above is" : `${invitesWaiting} invites above are`} waiting to be accepted.`
          : "No members yet: invite the first one."}
      </p>
    );
  return (
    <RemovalTable
      caption="Members of the brand"
      columns={["Name", { label: "Email", wide: true }, "Role", { label: "Joined", wide: true }]}
      lastColumn="Actions"
      removal={removal}
      confirm={removeConfirm}
    >
      {members.map((m) => (
        <tr key={m.id} data-testid="member-row" className="border-t border-zinc-100">
          <th scope="row" className="py-2 pr-3 font-semibold wrap-anywhere">
            {m.name}
            {m.id === self && <span className="ml-1 font-normal text-zinc-500">(you)</span>}
            <span className={`${onNarrow} break-all`}>{m.email}</span>
            <span className={onNarrow}>
              Joined <LocalTime iso={m.createdAt} />
            </span>
          </th>
          <td className={`${fromMd} py-2 pr-3 break-all`}>{m.email}</td>
          <td className="py-2 pr-3">{m.role}</td>
          <td className={`${fromMd} py-2 pr-3 text-xs whitespace-nowrap`}>
            <LocalTime iso={m.createdAt} />
          </td>
          <td className="py-2 pr-3 text-right">
            <DestructiveRowButton removal={removal} item={m} label="Remove" name={m.name} />
          </td>
        </tr>
      ))}
    </RemovalTable>
  );
}
