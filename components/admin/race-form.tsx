"use client";

import { useState } from "react";
import { FormField, inputClass } from "@/components/admin/form-field";
import { raceArenaInput, type RaceArenaInput } from "@/lib/schemas/race";

type Fields = Record<keyof RaceArenaInput, string>;

const fields: { key: keyof RaceArenaInput; label: string; hint: string }[] = [
  { key: "stock", label: "Stock", hint: "Units in the race drop, 1–1,000" },
  { key: "shoppers", label: "Virtual shoppers", hint: "Guest shoppers, each clicks Claim; 1–5,000" },
  {
    key: "dups",
    label: "Duplicate clicks",
    hint: "Retries and double clicks re-using shoppers' tokens; 0–2,000",
  },
  { key: "maxPerShopper", label: "Max per shopper", hint: "The drop's limit; each shopper claims this many" },
];

const whole = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN);

/** The race's size, checked with its schema as it is typed. */
export function RaceForm({ busy, onStart }: { busy: boolean; onStart: (input: RaceArenaInput) => void }) {
  const [values, setValues] = useState<Fields>({
    stock: "100",
    shoppers: "1000",
    dups: "200",
    maxPerShopper: "1",
  });
  const parsed = raceArenaInput.safeParse(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, whole(v)])),
  );
  const errors = parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));

  return (
    <form
      onSubmit={(e) => (e.preventDefault(), parsed.success && onStart(parsed.data))}
      noValidate
      className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-5"
    >
      <fieldset disabled={busy} className="grid gap-4 sm:grid-cols-4">
        <legend className="sr-only">Race size</legend>
        {fields.map((f) => (
          <FormField key={f.key} label={f.label} hint={f.hint} error={errors[f.key]}>
            {(a11y) => (
              <input
                {...a11y}
                inputMode="numeric"
                autoComplete="off"
                value={values[f.key]}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                className={inputClass}
              />
            )}
          </FormField>
        ))}
      </fieldset>
      <button
        type="submit"
        disabled={busy || !parsed.success}
        className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {busy ? "Racing…" : "Start the race"}
      </button>
    </form>
  );
}
