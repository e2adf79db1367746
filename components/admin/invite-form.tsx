"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors, unlessAtField } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { RoleField } from "@/components/admin/role-field";
import { SubmitButton } from "@/components/admin/submit-button";
import { LocalTime } from "@/components/ui/local-time";
import { inviteMember, useAction } from "@/lib/hooks/actions";
import { inviteInput, type Invite, type Role } from "@/lib/schemas/brand";

/**
 * Invites a person to a brand by email. The link goes to that email by mail (locally: a file in
 * .data/outbox/), never to this page. `role` fixes the role.
 */
export function InviteForm({ brandId, role: fixedRole }: { brandId: string; role?: Role }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(fixedRole ?? "manager");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<Invite>();
  const { busy, error, run } = useAction({
    fallback: "Could not create the invite.",
    describe: unlessAtField(fixedRole ? ["email"] : ["email", "role"]),
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = inviteInput.safeParse({ email, role });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    const outcome = await run(async () => (await inviteMember(brandId, parsed.data)).invite);
    if (!outcome.ok) return setErrors(fieldErrors(outcome.error?.details));
    setSent(outcome.value);
    setEmail("");
    router.refresh(); // the pending invites list
  }

  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <FormField label="Email" error={errors.email} className="min-w-56 flex-1">
          {(a11y) => (
            <input
              {...a11y}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className={inputClass}
            />
          )}
        </FormField>
        {fixedRole === undefined && (
          <RoleField label="Role" value={role} onChange={setRole} error={errors.role} />
        )}
        <SubmitButton
          busy={busy}
          label={fixedRole === "owner" ? "Invite the owner" : "Invite"}
          busyLabel="Inviting…"
        />
      </form>
      <ActionError error={error} />
      {sent && (
        <p
          role="status"
          data-testid="invite-sent"
          className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900"
        >
          Invite mailed to <strong>{sent.email}</strong> as {sent.role}. The link in it works once, until{" "}
          <LocalTime iso={sent.expiresAt} />.
        </p>
      )}
    </div>
  );
}
