import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";
import { inviteParams } from "@/lib/schemas/brand";

export const metadata: Metadata = { title: "Join a brand — DropRush admin", robots: { index: false } };

// Only the token's hash is stored, and reading it would tell a stranger whether it exists: the
// form's answer (201, 410, 404) says what became of the invite, not this page.
export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const parsed = inviteParams.safeParse(await params);
  if (!parsed.success) notFound();
  return (
    <section className="mx-auto max-w-sm space-y-6 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm">
      <div>
        <h1 className="text-2xl font-black tracking-tight">Join your brand on DropRush</h1>
        <p className="text-sm text-zinc-600">
          You were invited to a brand&apos;s admin. Choose the name your team will see and a password; you
          will sign in with the email the invite was sent to.
        </p>
      </div>
      <AcceptInviteForm token={parsed.data.token} />
    </section>
  );
}
