"use client";

import { useRouter } from "next/navigation";
import { api } from "@/lib/hooks/fetcher";

export function SignOutButton() {
  const router = useRouter();
  async function signOut() {
    // Signed out either way: a 401 means the session had already ended.
    await api("/api/admin/session", { method: "DELETE" }).catch(() => undefined);
    router.replace("/admin/login");
    router.refresh();
  }
  return (
    <button
      type="button"
      onClick={signOut}
      className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold hover:bg-zinc-100"
    >
      Sign out
    </button>
  );
}
