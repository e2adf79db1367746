"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { SubmitButton } from "@/components/admin/submit-button";
import { acceptInvite, useAction } from "@/lib/hooks/actions";
import { acceptInviteInput, PASSWORD_MIN } from "@/lib/schemas/brand";

// Answers that end the invite's story: the form gives way to what to do instead.
const dead: Record<number, string> = {
  410: "This invite was used or has expired; ask for a new one.",
  404: "We do not know this invite. Check that the link is complete, or ask for a new one.",
};

/** Sets the new member's name and password; the answer signs them in, then on to the dashboard. */
export function AcceptInviteForm({ token }: { token: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [ended, setEnded] = useState<string>();
  const { busy, error, run } = useAction({
    fallback: "Could not join. Please try again.",
    keepBusy: "success",
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = acceptInviteInput.safeParse({ name, password });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    const outcome = await run(async () => {
      await acceptInvite(token, parsed.data);
      router.replace("/admin");
      router.refresh();
    });
    if (outcome.ok) return;
    const status = outcome.error?.status ?? 0;
    if (dead[status]) setEnded(dead[status]);
    else setErrors(fieldErrors(outcome.error?.details));
  }

  if (ended) {
    return (
      <p
        role="alert"
        data-testid="invite-ended"
        className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900"
      >
        {ended}
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <FormField label="Your name" error={errors.name}>
        {(a11y) => (
          <input
            {...a11y}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField
        label="Password"
        hint={`At least ${PASSWORD_MIN} characters, and not one of the most common passwords.`}
        error={errors.password}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={inputClass}
          />
        )}
      </FormField>
      <ActionError error={error} reserve />
      <SubmitButton busy={busy} label="Join and sign in" busyLabel="Joining…" look="full" />
      <p className="text-center text-sm text-zinc-600">
        Already a member?{" "}
        <Link href="/admin/login" className="font-semibold underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
