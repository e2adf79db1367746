import type { Metadata } from "next";
import { ApiTokenForm } from "@/components/admin/api-token-form";
import { ApiTokensTable } from "@/components/admin/api-tokens-table";
import { BrandSection } from "@/components/admin/brand-section";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { Panel } from "@/components/ui/panel";
import { listApiTokens } from "@/lib/brand/api-tokens";
import { loadOwnerBrandPage } from "@/lib/admin/pages";

export const metadata: Metadata = { title: "API tokens — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage({ params }: { params: Promise<{ brandId: string }> }) {
  const { brandId } = await params;
  const { brand, owner } = await loadOwnerBrandPage(brandId, "tokens");
  if (!owner) return <ReadOnlyNotice what="managing API tokens" need="owner" />;
  const tokens = await listApiTokens({ brandId });
  return (
    <BrandSection
      brand={brand}
      title="API tokens"
      blurb="For scripts and CI: each token acts in this brand with its role, like a member would."
    >
      <Panel id="new-token" title="New token">
        <ApiTokenForm brandId={brand.id} />
      </Panel>
      <Panel id="tokens" title="Tokens">
        <ApiTokensTable brandId={brand.id} tokens={tokens} />
      </Panel>
    </BrandSection>
  );
}
