import type { Metadata } from "next";
import { BrandSection } from "@/components/admin/brand-section";
import { InviteForm } from "@/components/admin/invite-form";
import { InvitesTable } from "@/components/admin/invites-table";
import { MembersTable } from "@/components/admin/members-table";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { Panel } from "@/components/ui/panel";
import { listInvites } from "@/lib/brand/invites";
import { listMembers } from "@/lib/brand/members";
import { loadOwnerBrandPage } from "@/lib/admin/pages";

export const metadata: Metadata = { title: "Members — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const { principal, brand, owner } = await loadOwnerBrandPage(brandId, "members");
  if (!owner) return <ReadOnlyNotice what="managing members" need="owner" />;
  const [members, invites] = await Promise.all([listMembers({ brandId }), listInvites({ brandId })]);
  return (
    <BrandSection
      brand={brand}
      title="members"
      blurb="Owners manage members and API tokens; managers run drops; viewers watch."
    >
      <Panel id="invite" title="Invite someone">
        <InviteForm brandId={brand.id} />
      </Panel>
      <Panel id="invites" title="Invites waiting">
        <InvitesTable
          brandId={brand.id}
          invites={invites}
          names={Object.fromEntries(members.map((m) => [m.id, m.name]))}
        />
      </Panel>
      <Panel id="members" title="Members">
        <MembersTable
          brandId={brand.id}
          members={members}
          invitesWaiting={invites.length}
          self={principal.kind === "member" ? principal.memberId : undefined}
        />
      </Panel>
    </BrandSection>
  );
}
