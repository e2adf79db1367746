"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldBinding, FieldKey } from "@/components/admin/drop-form-binding";
import { DropFormButtons } from "@/components/admin/drop-form-buttons";
import { DropProductFields } from "@/components/admin/drop-product-fields";
import { DropRuleFields } from "@/components/admin/drop-rule-fields";
import { useIsClient } from "@/components/ui/local-time";
import {
  checkCreate,
  checkUpdate,
  initialFields,
  schemaErrors,
  startsNow,
  type DropFormFields,
  type FieldErrors,
} from "@/lib/admin/drop-form";
import { createDrop, updateDrop, useAction } from "@/lib/hooks/actions";
import type { Drop } from "@/lib/schemas/drop";

type Props = { drop?: Drop; scheduleEditable?: boolean };

/** Create (no `drop`) or edit a drop. Times are typed in the admin's zone and sent as UTC. */
export function DropForm(props: Props) {
  // Default times and the zone are the browser's: render the form in the browser only.
  return useIsClient() ? (
    <DropFormInner {...props} />
  ) : (
    <p className="text-sm text-zinc-500">Loading the form…</p>
  );
}

function DropFormInner({ drop, scheduleEditable = true }: Props) {
  const router = useRouter();
  const [fields, setFields] = useState<DropFormFields>(() => initialFields(drop));
  const [touched, setTouched] = useState<Partial<Record<FieldKey, true>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const { busy, run } = useAction({ fallback: "Could not save the drop.", keepBusy: "success" });

  // Validates as the admin types, with the API's own schema.
  const check = drop ? checkUpdate(fields, drop, scheduleEditable) : checkCreate(fields, false);
  const form: FieldBinding = {
    fields,
    set(k, v) {
      setFields((f) => ({ ...f, [k]: v }));
      setTouched((t) => ({ ...t, [k]: true }));
      setServerErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
    },
    touch: (k) => setTouched((t) => ({ ...t, [k]: true })),
    shown: (k) => (submitted || touched[k] ? (check.errors[k] ?? serverErrors[k]) : serverErrors[k]),
  };

  async function submit(draft: boolean) {
    setSubmitted(true);
    const result = drop ? checkUpdate(fields, drop, scheduleEditable) : checkCreate(fields, draft);
    const input = result.input;
    if (!input) return setServerErrors({ form: result.errors.form ?? "Fix the fields marked above." });
    const saved = await run(async () => {
      const { drop: after } = drop ? await updateDrop(drop.id, input) : await createDrop(input);
      router.push(`/admin/drops/${after.id}`);
      router.refresh();
    });
    if (saved.ok) return;
    // A 400 names the fields it refused: each is shown under its own field.
    const details = Array.isArray(saved.error?.details) ? schemaErrors(saved.error.details) : {};
    setServerErrors({ ...details, form: saved.message });
  }

  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit(false))} noValidate className="space-y-6">
      <DropProductFields form={form} />
      <DropRuleFields form={form} editing={Boolean(drop)} scheduleEditable={scheduleEditable} />
      <p role="alert" className="min-h-5 text-sm font-medium text-rose-700">
        {serverErrors.form}
      </p>
      <DropFormButtons
        editing={Boolean(drop)}
        busy={busy}
        startsNow={startsNow(fields.startsAt)}
        onDraft={() => void submit(true)}
      />
    </form>
  );
}
