"use client";

import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { RoleField } from "@/components/admin/role-field";
import { ShownOnce } from "@/components/admin/shown-once";
import { SubmitButton } from "@/components/admin/submit-button";
import { LocalTime } from "@/components/ui/local-time";
import { inviteMember, useAction } from "@/lib/hooks/actions";
import { inviteInput, type InviteLink, type Role } from "@/lib/schemas/brand";

/** Invites a person to a brand by email; the link to send them is shown once. `role` fixes the role. */
export function InviteForm({ brandId, role: fixedRole }: { brandId: string; role?: Role }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(fixedRole ?? "manager");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [invite, setInvite] = useState<InviteLink & { email: string }>();
  const { busy, error, run } = useAction({ fallback: "Could not create the invite." });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = inviteInput.safeParse({ email, role });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    const outcome = await run(async () => (await inviteMember(brandId, parsed.data)).invite);
    if (!outcome.ok) return setErrors(fieldErrors(outcome.error?.details));
    setInvite({ ...outcome.value, email: parsed.data.email });
    setEmail("");
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
      {invite && (
        <ShownOnce
          label={`Invite link for ${invite.email}`}
          value={invite.url}
          testId="invite-url"
          note={
            <>
              Send it to them yourself: it is shown only now, works once, and expires{" "}
              <LocalTime iso={invite.expiresAt} />.
            </>
          }
        />
      )}
    </div>
  );
}
