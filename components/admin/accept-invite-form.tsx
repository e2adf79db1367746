"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors, unlessAtField } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { SubmitButton } from "@/components/admin/submit-button";
import { acceptInvite, useAction } from "@/lib/hooks/actions";
import { acceptInviteInput, newAccountInput, PASSWORD_MIN } from "@/lib/schemas/brand";

// Answers that end the invite's story: the form gives way to what to do instead.
const dead: Record<number, string> = {
  410: "This invite was used, withdrawn or has expired; ask for a new one.",
  404: "We do not know this invite. Check that the link is complete, or ask for a new one.",
};

/**
 * Joins the brand: a new account chooses a name and a password; an account that exists gives its
 * password (or nothing, when signed in as it). The answer signs them in to the brand.
 */
export function AcceptInviteForm({
  token,
  email,
  join,
}: {
  token: string;
  email: string;
  join: "new" | "password" | "signedIn";
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [ended, setEnded] = useState<string>();
  const { busy, error, run } = useAction({
    fallback: "Could not join. Please try again.",
    describe: unlessAtField(join === "new" ? ["name", "password"] : join === "password" ? ["password"] : []),
    keepBusy: "success",
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = join === "new" ? { name, password } : join === "password" ? { password } : {};
    const parsed = (join === "new" ? newAccountInput : acceptInviteInput).safeParse(body);
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
      {join === "signedIn" && <p className="text-sm text-zinc-700">You are signed in as {email}.</p>}
      {join === "password" && (
        <p className="text-sm text-zinc-700">
          {email} already has a DropRush account: join with its password.
        </p>
      )}
      {join === "new" && (
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
      )}
      {join !== "signedIn" && (
        <FormField
          label="Password"
          hint={
            join === "new"
              ? `At least ${PASSWORD_MIN} characters, and not one of the most common passwords.`
              : undefined
          }
          error={errors.password}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete={join === "new" ? "new-password" : "current-password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={inputClass}
            />
          )}
        </FormField>
      )}
      <ActionError error={error} reserve />
      <SubmitButton busy={busy} label="Join and sign in" busyLabel="Joining…" look="full" />
      {join === "new" && (
        <p className="text-center text-sm text-zinc-600">
          Already a member?{" "}
          <Link href="/admin/login" className="font-semibold underline">
            Sign in
          </Link>
        </p>
      )}
    </form>
  );
}
