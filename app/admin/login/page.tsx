import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/admin/login-form";
import { hasAdminSession, safeNextPath } from "@/lib/admin/pages";

export const metadata: Metadata = { title: "Sign in — DropRush admin" };

export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await hasAdminSession()) redirect(next);
  return (
    <section className="mx-auto max-w-sm space-y-6 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm">
      <div>
        <h1 className="text-2xl font-black tracking-tight">Brand admin</h1>
        <p className="text-sm text-zinc-600">
          Sign in to create, schedule and watch your brand&apos;s drops. New to the team? Open the invite link
          you were sent.
        </p>
      </div>
      <LoginForm next={next} />
    </section>
  );
}
