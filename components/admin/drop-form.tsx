"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormField, inputClass } from "@/components/admin/form-field";
import { useIsClient } from "@/components/admin/local-time";
import { bundledImages } from "@/lib/bundled-images";
import {
  checkCreate,
  checkUpdate,
  initialFields,
  schemaErrors,
  type DropFormFields,
  type FieldErrors,
} from "@/lib/drop-form";
import { api, ApiError } from "@/lib/hooks/fetcher";
import { formatInstant, fromLocalInput, zoneLabel } from "@/lib/local-time";
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
  const [touched, setTouched] = useState<Partial<Record<keyof DropFormFields, true>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const zone = zoneLabel();

  // Validates as the admin types, with the API's own schema.
  const check = drop ? checkUpdate(fields, drop, scheduleEditable) : checkCreate(fields, false);
  const shown = (k: keyof DropFormFields) =>
    submitted || touched[k] ? (check.errors[k] ?? serverErrors[k]) : serverErrors[k];

  function set<K extends keyof DropFormFields>(k: K, v: string) {
    setFields((f) => ({ ...f, [k]: v }));
    setTouched((t) => ({ ...t, [k]: true }));
    setServerErrors((e) => ({ ...e, [k]: undefined, form: undefined }));
  }

  async function submit(draft: boolean) {
    setSubmitted(true);
    const result = drop ? checkUpdate(fields, drop, scheduleEditable) : checkCreate(fields, draft);
    if (!result.input) return setServerErrors({ form: result.errors.form ?? "Fix the fields marked above." });
    setBusy(true);
    try {
      const { drop: saved } = drop
        ? await api<{ drop: Drop }>(`/api/admin/drops/${drop.id}`, {
            method: "PATCH",
            body: JSON.stringify(result.input),
          })
        : await api<{ drop: Drop }>("/api/admin/drops", {
            method: "POST",
            body: JSON.stringify(result.input),
          });
      router.push(`/admin/drops/${saved.id}`);
      router.refresh();
    } catch (err) {
      const details = err instanceof ApiError && Array.isArray(err.details) ? schemaErrors(err.details) : {};
      setServerErrors({
        ...details,
        form: err instanceof ApiError ? err.message : "Could not save the drop.",
      });
      setBusy(false);
    }
  }

  const utc = (v: string) => {
    const iso = fromLocalInput(v);
    return iso ? `Stored as ${formatInstant(iso, { utc: true, seconds: true })}` : undefined;
  };
  // Render prop for FormField: a plain text input bound to one field.
  function text(k: keyof DropFormFields, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) {
    return function renderInput(a11y: object) {
      return (
        <input
          {...a11y}
          {...extra}
          value={fields[k]}
          onChange={(e) => set(k, e.target.value)}
          onBlur={() => setTouched((t) => ({ ...t, [k]: true }))}
          className={inputClass}
        />
      );
    };
  }

  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit(false))} noValidate className="space-y-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-bold">Product</legend>
        <FormField label="Name" error={shown("name")} className="sm:col-span-2">
          {text("name", { autoComplete: "off" })}
        </FormField>
        <FormField label="Description" error={shown("description")} className="sm:col-span-2">
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              value={fields.description}
              onChange={(e) => set("description", e.target.value)}
              className={inputClass}
            />
          )}
        </FormField>
        <FormField
          label="Image URL"
          hint="https://… or a path under /, or pick a bundled image"
          error={shown("imageUrl")}
        >
          {text("imageUrl", { inputMode: "url", placeholder: "https://…" })}
        </FormField>
        <FormField label="Bundled image">
          {(a11y) => (
            <select
              {...a11y}
              value={bundledImages.some((i) => i.url === fields.imageUrl) ? fields.imageUrl : ""}
              onChange={(e) => set("imageUrl", e.target.value)}
              className={inputClass}
            >
              <option value="">None / my own URL</option>
              {bundledImages.map((i) => (
                <option key={i.url} value={i.url}>
                  {i.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Price" hint="In the currency's main unit, e.g. 129.00" error={shown("price")}>
          {text("price", { inputMode: "decimal" })}
        </FormField>
        <FormField label="Currency" hint="ISO code, e.g. USD, EUR" error={shown("currency")}>
          {(a11y) => (
            <input
              {...a11y}
              value={fields.currency}
              maxLength={3}
              onChange={(e) => set("currency", e.target.value.toUpperCase())}
              className={inputClass}
            />
          )}
        </FormField>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3" disabled={!scheduleEditable}>
        <legend className="mb-2 text-base font-bold">Stock and rules</legend>
        {!scheduleEditable && (
          <p className="text-sm text-zinc-600 sm:col-span-3">
            The window, limit and hold length can only change before the drop starts.
          </p>
        )}
        <FormField
          label="Total stock"
          hint={drop ? "Use Restock on the drop page to change it" : "Units for sale"}
          error={shown("totalStock")}
        >
          {text("totalStock", { inputMode: "numeric", disabled: Boolean(drop) })}
        </FormField>
        <FormField label="Limit per shopper" error={shown("maxPerShopper")}>
          {text("maxPerShopper", { inputMode: "numeric" })}
        </FormField>
        <FormField
          label="Hold length (seconds)"
          hint="How long a claimed unit is held for checkout; 600 = 10 min"
          error={shown("holdSeconds")}
        >
          {text("holdSeconds", { inputMode: "numeric" })}
        </FormField>
        <p className="text-sm text-zinc-600 sm:col-span-3">
          Times are in your time zone: <strong data-testid="form-zone">{zone}</strong>. They are stored in
          UTC.
        </p>
        <FormField label={`Start (${zone})`} hint={utc(fields.startsAt)} error={shown("startsAt")}>
          {text("startsAt", { type: "datetime-local", step: 1 })}
        </FormField>
        <FormField label={`End (${zone})`} hint={utc(fields.endsAt)} error={shown("endsAt")}>
          {text("endsAt", { type: "datetime-local", step: 1 })}
        </FormField>
      </fieldset>

      <p role="alert" className="min-h-5 text-sm font-medium text-rose-700">
        {serverErrors.form}
      </p>
      <div className="flex flex-wrap gap-3">
        {drop ? (
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-700 disabled:opacity-60"
          >
            {busy ? "Saving…" : "Save changes"}
          </button>
        ) : (
          <>
            <button
              type="submit"
              disabled={busy}
              className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
            >
              {busy ? "Saving…" : "Schedule drop"}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => void submit(true)}
              className="rounded-lg border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100 disabled:opacity-60"
            >
              Save as draft
            </button>
          </>
        )}
      </div>
    </form>
  );
}
