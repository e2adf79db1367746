import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BrandsTable } from "@/components/admin/brands-table";
import { CreateBrandForm } from "@/components/admin/create-brand-form";
import { Panel } from "@/components/ui/panel";
import { requireAdminPage } from "@/lib/admin/pages";
import { listBrands } from "@/lib/brand/brands";

export const metadata: Metadata = { title: "Brands — DropRush admin" };
export const dynamic = "force-dynamic";

/** The operator's brands: create one, invite its first owner, reach each one's members and tokens. */
export default async function BrandsPage() {
  const principal = await requireAdminPage("/admin/brands");
  if (principal.kind !== "operator") notFound(); // a member's brand is their dashboard
  const brands = await listBrands();
  return (
    <section className="space-y-5">
      <div>
        <h1 className="text-3xl font-black tracking-tight">Brands</h1>
        <p className="text-sm text-zinc-600">
          Each brand has its own members, API tokens and drops; they see nothing of the others.
        </p>
      </div>
      <Panel id="new-brand" title="New brand">
        <CreateBrandForm />
      </Panel>
      <Panel id="brands" title="All brands">
        <BrandsTable brands={brands} />
      </Panel>
    </section>
  );
}
