"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors } from "@/components/admin/field-errors";
import { SubmitButton } from "@/components/admin/submit-button";
import { signIn, signInMember, useAction } from "@/lib/hooks/actions";
import { signInInput } from "@/lib/schemas/brand";

const input = "w-full rounded-lg border border-zinc-300 px-3 py-2 aria-[invalid=true]:border-rose-600";

// The member's two fields: each one's name is its input's type and the end of its id.
const memberFields = [
  { field: "email", label: "Email", autoComplete: "username" },
  { field: "password", label: "Password", autoComplete: "current-password" },
] as const;

/**
 * One form, two ways in: a brand member's email and password, or the platform operator's admin
 * token (when it is filled in, it is what is sent). Either sets the session cookie, then goes where
 * the admin was headed.
 */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [member, setMember] = useState({ email: "", password: "" });
  const [token, setToken] = useState("");
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const { busy, error: refused, run } = useAction({ fallback: "Could not sign in.", keepBusy: "success" });
  const error = Object.values(invalid)[0] ?? refused;
  const byToken = token.trim() !== "";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = signInInput.safeParse(byToken ? { token } : member);
    setInvalid(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    await run(async () => {
      await ("token" in parsed.data ? signIn(parsed.data) : signInMember(parsed.data));
      router.replace(next);
      router.refresh();
    });
  }

  const a11y = (field: string) => ({
    "aria-invalid":
      invalid[field] !== undefined || (refused !== undefined && (field === "token") === byToken)
        ? true
        : undefined,
    "aria-describedby": "sign-in-error",
  });
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <fieldset className="space-y-3">
        <legend className="text-sm font-bold">Brand team</legend>
        {memberFields.map((f) => (
          <div key={f.field} className="space-y-1.5">
            <label htmlFor={`member-${f.field}`} className="block text-sm font-semibold">
              {f.label}
            </label>
            <input
              id={`member-${f.field}`}
              type={f.field}
              autoComplete={f.autoComplete}
              value={member[f.field]}
              onChange={(e) => {
                const value = e.target.value;
                setMember((m) => ({ ...m, [f.field]: value }));
              }}
              {...a11y(f.field)}
              className={input}
            />
          </div>
        ))}
      </fieldset>
      <fieldset className="space-y-1.5 border-t border-zinc-200 pt-3">
        <legend className="text-sm font-bold">Or, the platform operator</legend>
        <label htmlFor="admin-token" className="block text-sm font-semibold">
          Admin token
        </label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          {...a11y("token")}
          aria-describedby="admin-token-help sign-in-error"
          className={`${input} font-mono`}
        />
        <p id="admin-token-help" className="text-xs text-zinc-500">
          The <code className="font-mono">ADMIN_TOKEN</code> of this server. Running locally?{" "}
          <code className="font-mono">npm run dev</code> prints it when it starts and keeps it in{" "}
          <code className="font-mono">.data/dev-secrets.json</code>. Filled in, it is used instead of the
          email and password.
        </p>
      </fieldset>
      <ActionError id="sign-in-error" error={error} reserve />
      <SubmitButton busy={busy} label="Sign in" busyLabel="Signing in…" look="full" />
    </form>
  );
}
