"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { fieldErrors } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { ShownOnce } from "@/components/admin/shown-once";
import { createApiToken, useAction } from "@/lib/hooks/actions";
import { apiTokenInput, roles, type Role } from "@/lib/schemas/brand";

/** Creates a brand API token; its secret is shown once, then only its hash is left. */
export function ApiTokenForm({ brandId }: { brandId: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("manager");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const { busy, error, run } = useAction({ fallback: "Could not create the token." });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = apiTokenInput.safeParse({ name, role });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    const outcome = await run(() => createApiToken(brandId, parsed.data));
    if (!outcome.ok) return setErrors(fieldErrors(outcome.error?.details));
    setCreated({ name: parsed.data.name, token: outcome.value.token });
    setName("");
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <FormField
          label="Token name"
          hint="What uses it, e.g. “launch script”"
          error={errors.name}
          className="min-w-56 flex-1"
        >
          {(a11y) => (
            <input {...a11y} value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          )}
        </FormField>
        <FormField label="Token role" error={errors.role}>
          {(a11y) => (
            <select
              {...a11y}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              className={inputClass}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button
          type="submit"
          disabled={busy}
          className="mt-6 rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 disabled:opacity-60"
        >
          {busy ? "Creating…" : "Create token"}
        </button>
      </form>
      <p role="alert" className="text-sm font-medium text-rose-700 empty:hidden">
        {error}
      </p>
      {created && (
        <ShownOnce
          label={`API token “${created.name}”`}
          value={created.token}
          testId="api-token-secret"
          note={
            <>
              Copy it now: it is shown only this once. Send it as{" "}
              <code className="font-mono">Authorization: Bearer …</code> on any admin route.
            </>
          }
        />
      )}
    </div>
  );
}
