import type { Metadata } from "next";
import Link from "next/link";
import { DropForm } from "@/components/admin/drop-form";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { canReschedule, loadAdminDrop, requireAdminPage } from "@/lib/admin/pages";
import { can } from "@/lib/brand/principal";

export const metadata: Metadata = { title: "Edit drop — DropRush admin" };
export const dynamic = "force-dynamic";

export default async function EditDropPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await requireAdminPage(`/admin/drops/${id}/edit`);
  const drop = await loadAdminDrop(id, principal);
  if (!can(principal, "manager")) return <ReadOnlyNotice what="editing a drop" />;
  const scheduleEditable = canReschedule(drop);
  return (
    <section className="space-y-5">
      <p className="text-sm">
        <Link href={`/admin/drops/${drop.id}`} className="text-zinc-500 hover:underline">
          ← Back to the drop
        </Link>
      </p>
      <h1 className="text-3xl font-black tracking-tight">Edit “{drop.name}”</h1>
      <div className="rounded-2xl border border-zinc-200 bg-white p-6">
        <DropForm drop={drop} scheduleEditable={scheduleEditable} />
      </div>
    </section>
  );
}
