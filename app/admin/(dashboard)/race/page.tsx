import type { Metadata } from "next";
import { RaceArena } from "@/components/admin/race-arena";
import { ReadOnlyNotice } from "@/components/admin/read-only-notice";
import { requireAdminPage } from "@/lib/admin/pages";
import { can } from "@/lib/brand/principal";
import { IN_FLIGHT } from "@/lib/race/arena";

export const metadata: Metadata = { title: "Race arena — DropRush admin" };

export default async function RaceArenaPage() {
  const principal = await requireAdminPage("/admin/race");
  if (!can(principal, "manager")) return <ReadOnlyNotice what="racing a drop" />;
  return (
    <section className="space-y-5">
      <div className="space-y-1">
        <h1 className="text-3xl font-black tracking-tight">Race arena</h1>
        <p className="max-w-3xl text-sm text-zinc-600">
          Race a fresh drop from this browser: it creates the drop, mints a guest shopper for every virtual
          shopper, and fires all their claims at the real API at once ({IN_FLIGHT} in flight), then checks
          every answer against what the server has on record. The same plan and checks as{" "}
          <code className="text-xs">npm run race</code>.
        </p>
      </div>
      <RaceArena />
    </section>
  );
}
