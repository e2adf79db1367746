import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";
import { LocalTime } from "@/components/ui/local-time";
import { adminPagePrincipal } from "@/lib/admin/pages";
import { viewInvite } from "@/lib/brand/accept-invite";
import { AppError } from "@/lib/errors";
import { inviteParams } from "@/lib/schemas/brand";

export const metadata: Metadata = { title: "Join a brand — DropRush admin", robots: { index: false } };
export const dynamic = "force-dynamic";

// The token reached only the invited email (by mail), so its page may say at once which brand and
// email it is for, and whether it still holds.
async function load(token: string) {
  const principal = await adminPagePrincipal();
  try {
    return await viewInvite({
      token,
      sessionAccountId: principal?.kind === "member" ? principal.accountId : undefined,
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export default async function AcceptInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const parsed = inviteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const invite = await load(parsed.data.token);
  return (
    <section className="mx-auto max-w-sm space-y-6 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm">
      <div className="space-y-1">
        <h1 className="text-2xl font-black tracking-tight">Join {invite.brandName} on DropRush</h1>
        <p className="text-sm text-zinc-600">
          An invite for <strong className="break-all">{invite.email}</strong> as {invite.role}
          {invite.state === "pending" && (
            <>
              , good until <LocalTime iso={invite.expiresAt} />
            </>
          )}
          .
        </p>
      </div>
      {invite.ended ? (
        <div
          role="alert"
          data-testid="invite-ended"
          className="space-y-2 rounded-lg bg-amber-50 p-4 text-sm text-amber-900"
        >
          <p>{invite.ended}</p>
          <p>
            <Link href="/admin/login" className="font-semibold underline">
              Sign in
            </Link>{" "}
            if you already belong to a brand.
          </p>
        </div>
      ) : (
        <AcceptInviteForm token={parsed.data.token} email={invite.email} join={invite.join} />
      )}
    </section>
  );
}
