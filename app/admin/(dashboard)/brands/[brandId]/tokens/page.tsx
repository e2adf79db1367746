import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokenForm } from "@/components/admin/api-token-form";
import { ApiTokensTable } from "@/components/admin/api-tokens-table";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { Panel } from "@/components/ui/panel";
import { requireAdminPage } from "@/lib/auth/admin-page";
import { can } from "@/lib/auth/principal";
import { listApiTokens } from "@/lib/brand/api-tokens";
import { loadAdminBrand } from "../../../_lib/brand-page";

export const metadata: Metadata = { title: "API tokens — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const principal = await requireAdminPage(`/admin/brands/${brandId}/tokens`);
  const brand = await loadAdminBrand(brandId, principal);
  if (!can(principal, "owner")) return <ReadOnlyNotice what="managing API tokens" need="owner" />;
  const tokens = await listApiTokens({ brandId });
  return (
    <section className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href={`/admin/brands/${brand.id}`} className="text-zinc-500 hover:underline">
            ← {brand.name}
          </Link>
        </p>
        <h1 className="text-3xl font-black tracking-tight">{brand.name}: API tokens</h1>
        <p className="text-sm text-zinc-600">
          For scripts and CI: each token acts in this brand with its role, like a member would.
        </p>
      </div>
      <Panel id="new-token" title="New token">
        <ApiTokenForm brandId={brand.id} />
      </Panel>
      <Panel id="tokens" title="Tokens">
        <ApiTokensTable brandId={brand.id} tokens={tokens} />
      </Panel>
    </section>
  );
}
