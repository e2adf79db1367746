"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signIn, useAction } from "@/lib/hooks/actions";
import { sessionInput } from "@/lib/schemas/drop-admin";

/** Trades the admin token for the session cookie, then goes where the admin was headed. */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [token, setToken] = useState("");
  const [invalid, setInvalid] = useState<string>();
  const { busy, error: refused, run } = useAction({ fallback: "Could not sign in.", keepBusy: "success" });
  const error = invalid ?? refused;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = sessionInput.safeParse({ token });
    setInvalid(parsed.error?.issues[0]?.message);
    if (!parsed.success) return;
    await run(async () => {
      await signIn(parsed.data);
      router.replace(next);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="space-y-1.5">
        <label htmlFor="admin-token" className="block text-sm font-semibold">
          Admin token
        </label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="admin-token-help admin-token-error"
          className="w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono"
        />
        <p id="admin-token-help" className="text-xs text-zinc-500">
          The <code className="font-mono">ADMIN_TOKEN</code> of this server. Running locally?{" "}
          <code className="font-mono">npm run dev</code> prints it when it starts and keeps it in{" "}
          <code className="font-mono">.data/dev-secrets.json</code>.
        </p>
      </div>
      <p id="admin-token-error" role="alert" className="min-h-5 text-sm font-medium text-rose-700">
        {error}
      </p>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-zinc-900 px-4 py-2.5 font-semibold text-white hover:bg-zinc-700 disabled:opacity-60"
      >
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
