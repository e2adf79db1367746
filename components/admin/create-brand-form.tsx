"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionError } from "@/components/admin/action-error";
import { fieldErrors, unlessAtField } from "@/components/admin/field-errors";
import { FormField, inputClass } from "@/components/admin/form-field";
import { InviteForm } from "@/components/admin/invite-form";
import { SubmitButton } from "@/components/admin/submit-button";
import { createBrand, useAction } from "@/lib/hooks/actions";
import { createBrandInput, type Brand } from "@/lib/schemas/brand";

/** "Acme Shoes" → "acme-shoes": a first guess the operator may change. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");

/** Creates a brand (operator), then offers to invite its first owner. */
export function CreateBrandForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Brand>();
  const { busy, error, run } = useAction({
    fallback: "Could not create the brand.",
    // A taken slug is said at the slug field (below), as the fields' own errors are.
    describe: (e) => (e.code === "SLUG_TAKEN" ? "" : unlessAtField(["name", "slug"])(e)),
  });
  const shownSlug = slugTouched ? slug : slugOf(name);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = createBrandInput.safeParse({ name, slug: shownSlug });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    const outcome = await run(async () => (await createBrand(parsed.data)).brand);
    if (!outcome.ok) {
      const found = fieldErrors(outcome.error?.details);
      if (outcome.error?.code === "SLUG_TAKEN") found.slug = outcome.error.message;
      return setErrors(found);
    }
    setCreated(outcome.value);
    setName("");
    setSlug("");
    setSlugTouched(false);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <FormField label="Brand name" error={errors.name} className="min-w-48 flex-1">
          {(a11y) => (
            <input {...a11y} value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          )}
        </FormField>
        <FormField
          label="Slug"
          hint={shownSlug ? `Its storefront: /brands/${shownSlug}` : "Its storefront's address"}
          error={errors.slug}
          className="min-w-48 flex-1"
        >
          {(a11y) => (
            <input
              {...a11y}
              value={shownSlug}
              onChange={(e) => {
                setSlugTouched(true);
                setSlug(e.target.value);
              }}
              className={`${inputClass} font-mono`}
            />
          )}
        </FormField>
        <SubmitButton busy={busy} label="Create brand" busyLabel="Creating…" />
      </form>
      <ActionError error={error} />
      {created && (
        <div data-testid="brand-created" className="space-y-3 rounded-xl border border-zinc-200 p-4">
          <p className="text-sm">
            <strong>{created.name}</strong> is ready. Invite its first owner: they set their password from the
            link, then invite their own team.
          </p>
          <InviteForm key={created.id} brandId={created.id} role="owner" />
        </div>
      )}
    </div>
  );
}
