"use client";

import { DestructiveRowButton, useConfirmedRemoval } from "@/components/admin/confirmed-removal";
import { fromMd, onNarrow } from "@/components/admin/narrow-columns";
import { RemovalTable } from "@/components/admin/removal-table";
import { LocalTime } from "@/components/ui/local-time";
import { revokeInvite } from "@/lib/hooks/actions";
import type { Invite } from "@/lib/schemas/brand";

const revokeConfirm = {
  title: "Withdraw this invite?",
  label: "Withdraw",
  body: (invite: Invite) => <>The link mailed to {invite.email} stops working now.</>,
};

/**
 * A brand's pending invites and who sent each (`names`: member id → name). An invite also stops
 * working once its sender is no longer an owner here; withdrawing one (confirmed first) stops it now.
 */
export function InvitesTable({
  brandId,
  invites,
  names,
}: {
  brandId: string;
  invites: Invite[];
  names: Record<string, string>;
}) {
  const removal = useConfirmedRemoval({
    fallback: "Could not withdraw the invite.",
    remove: (invite: Invite) => revokeInvite(brandId, invite.id),
  });

  if (invites.length === 0) return <p className="text-sm text-zinc-500">No invites waiting.</p>;
  return (
    <RemovalTable
      caption="Invites not yet accepted, oldest first"
      columns={["Email", "Role", { label: "Sent by", wide: true }, { label: "Expires", wide: true }]}
      lastColumn="Actions"
      removal={removal}
      confirm={revokeConfirm}
    >
      {invites.map((i) => {
        const sender =
          i.invitedBy.kind === "operator"
            ? "the operator"
            : (names[i.invitedBy.id ?? ""] ?? "a former member");
        return (
          <tr key={i.id} data-testid="invite-row" className="border-t border-zinc-100">
            <th scope="row" className="py-2 pr-3 font-semibold break-all">
              {i.email}
              <span className={onNarrow}>Sent by {sender}</span>
              <span className={onNarrow}>
                Expires <LocalTime iso={i.expiresAt} />
              </span>
            </th>
            <td className="py-2 pr-3">{i.role}</td>
            <td className={`${fromMd} py-2 pr-3`}>{sender}</td>
            <td className={`${fromMd} py-2 pr-3 text-xs whitespace-nowrap`}>
              <LocalTime iso={i.expiresAt} />
            </td>
            <td className="py-2 pr-3 text-right">
              <DestructiveRowButton removal={removal} item={i} label="Withdraw" name={i.email} />
            </td>
          </tr>
        );
      })}
    </RemovalTable>
  );
}
