"use client";

import { useState } from "react";
import { fieldErrors } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { ShownOnce } from "@/components/admin/shown-once";
import { LocalTime } from "@/components/ui/local-time";
import { inviteMember, useAction } from "@/lib/hooks/actions";
import { inviteInput, roles, type InviteLink, type Role } from "@/lib/schemas/brand";

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
          <FormField label="Role" error={errors.role}>
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
        )}
        <button
          type="submit"
          disabled={busy}
          className="mt-6 rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 disabled:opacity-60"
        >
          {busy ? "Inviting…" : fixedRole === "owner" ? "Invite the owner" : "Invite"}
        </button>
      </form>
      <p role="alert" className="text-sm font-medium text-rose-700 empty:hidden">
        {error}
      </p>
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
