"use client";

import { useRouter } from "next/navigation";
import { signOut } from "@/lib/hooks/actions";

export function SignOutButton() {
  const router = useRouter();
  async function leave() {
    // Signed out either way: a 401 means the session had already ended.
    await signOut().catch(() => undefined);
    router.replace("/admin/login");
    router.refresh();
  }
  return (
    <button
      type="button"
      onClick={leave}
      className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold hover:bg-zinc-100"
    >
      Sign out
    </button>
  );
}
