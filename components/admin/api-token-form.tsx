"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors, unlessAtField } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { RoleField } from "@/components/admin/role-field";
import { ShownOnce } from "@/components/admin/shown-once";
import { SubmitButton } from "@/components/admin/submit-button";
import { createApiToken, useAction } from "@/lib/hooks/actions";
import { apiTokenInput, type Role } from "@/lib/schemas/brand";

/** Creates a brand API token; its secret is shown once, then only its hash is left. */
export function ApiTokenForm({ brandId }: { brandId: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("manager");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const { busy, error, run } = useAction({
    fallback: "Could not create the token.",
    describe: unlessAtField(["name", "role"]),
  });

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
        <RoleField label="Token role" value={role} onChange={setRole} error={errors.role} />
        <SubmitButton busy={busy} label="Create token" busyLabel="Creating…" />
      </form>
      <ActionError error={error} />
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
