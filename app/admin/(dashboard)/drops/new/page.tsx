import type { Metadata } from "next";
import { DropForm } from "@/components/admin/drop-form";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { requireAdminPage } from "@/lib/admin/pages";
import { can } from "@/lib/brand/principal";

export const metadata: Metadata = { title: "New drop — DropRush admin" };

export default async function NewDropPage() {
  const principal = await requireAdminPage("/admin/drops/new");
  if (!can(principal, "manager")) return <ReadOnlyNotice what="creating a drop" />;
  return (
    <section className="space-y-5">
      <h1 className="text-3xl font-black tracking-tight">New drop</h1>
      <div className="rounded-2xl border border-zinc-200 bg-white p-6">
        <DropForm />
      </div>
    </section>
  );
}
