import type { Metadata } from "next";
import Link from "next/link";
import { InviteForm } from "@/components/admin/invite-form";
import { MembersTable } from "@/components/admin/members-table";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { Panel } from "@/components/ui/panel";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { can } from "@/lib/auth/principal";
import { listMembers } from "@/lib/brand/members";
import { loadAdminBrand } from "../../../_lib/brand-page";

export const metadata: Metadata = { title: "Members — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function MembersPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const principal = await requireAdminPage(`/admin/brands/${brandId}/members`);
  const brand = await loadAdminBrand(brandId, principal);
  if (!can(principal, "owner")) return <ReadOnlyNotice what="managing members" need="owner" />;
  const members = await listMembers({ brandId });
  return (
    <section className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href={`/admin/brands/${brand.id}`} className="text-zinc-500 hover:underline">
            ← {brand.name}
          </Link>
        </p>
        <h1 className="text-3xl font-black tracking-tight">{brand.name}: members</h1>
        <p className="text-sm text-zinc-600">
          Owners manage members and API tokens; managers run drops; viewers watch.
        </p>
      </div>
      <Panel id="invite" title="Invite someone">
        <InviteForm brandId={brand.id} />
      </Panel>
      <Panel id="members" title="Members">
        <MembersTable
          brandId={brand.id}
          members={members}
          self={principal.kind === "member" ? principal.memberId : undefined}
        />
      </Panel>
    </section>
  );
}
