import { textInput, type FieldBinding } from "@/components/admin/drop-form-binding";
import { FormField } from "@/components/admin/form-field";
import { startNowInput } from "@/lib/admin/drop-form";
import { fromLocalInput, zoneLabel } from "@/lib/admin/local-time";
import { formatInstant } from "@/lib/format";
import type { DropMode } from "@/lib/schemas/drop";

const modes: { value: DropMode; label: string; hint: string }[] = [
  {
    value: "first-come",
    label: "First come, first served",
    hint: "Shoppers claim units while stock lasts.",
  },
  {
    value: "draw",
    label: "Draw",
    hint: "Shoppers enter during the window (at most 5 days: with payments on, each entry's card is authorised and must still be chargeable at the draw); winners are drawn at random after it closes and charged, and anyone can verify the draw.",
  },
];

/** How units are given out: chosen at creation, never changed after. */
function ModeField({ form }: { form: FieldBinding }) {
  return (
    <fieldset className="space-y-2 sm:col-span-2">
      <legend className="text-sm font-semibold">How units are given out</legend>
      {modes.map((m) => (
        <label key={m.value} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="mode"
            value={m.value}
            checked={form.fields.mode === m.value}
            onChange={() => form.set("mode", m.value)}
            className="mt-1"
          />
          <span>
            <span className="font-medium">{m.label}</span>
            <span className="block text-xs text-zinc-500">{m.hint}</span>
          </span>
        </label>
      ))}
      {form.shown("mode") && <p className="text-xs font-medium text-rose-700">{form.shown("mode")}</p>}
    </fieldset>
  );
}

/** Stock, limit, hold and the window; typed in the admin's zone, each with the UTC it is stored as. */
export function DropRuleFields({
  form,
  editing,
  scheduleEditable,
}: {
  form: FieldBinding;
  /** An existing drop: its stock changes by restocking, not here. */
  editing: boolean;
  scheduleEditable: boolean;
}) {
  const { fields, shown } = form;
  const draw = fields.mode === "draw";
  const zone = zoneLabel();
  const utc = (v: string) => {
    const iso = fromLocalInput(v);
    return iso ? `Stored as ${formatInstant(iso, { utc: true, seconds: true })}` : undefined;
  };
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2" disabled={!scheduleEditable}>
      <legend className="mb-2 text-base font-bold">Stock and rules</legend>
      {!scheduleEditable && (
        <p className="text-sm text-zinc-600 sm:col-span-2">
          The window, limit and hold length can only change before the drop starts.
        </p>
      )}
      {!editing && <ModeField form={form} />}
      <FormField
        label="Total stock"
        hint={
          editing
            ? "Use Restock on the drop page to change it"
            : draw
              ? "Units to draw winners for"
              : "Units for sale"
        }
        error={shown("totalStock")}
      >
        {textInput(form, "totalStock", { inputMode: "numeric", disabled: editing })}
      </FormField>
      {!draw && (
        <FormField
          label="Stock shards"
          hint={
            editing
              ? "Set when the drop was created"
              : "1 up to 800 claims a second at the peak; one more per 800/s (max 64)"
          }
          error={shown("stockShards")}
        >
          {textInput(form, "stockShards", { inputMode: "numeric", disabled: editing })}
        </FormField>
      )}
      {!draw && (
        <FormField label="Limit per shopper" error={shown("maxPerShopper")}>
          {textInput(form, "maxPerShopper", { inputMode: "numeric" })}
        </FormField>
      )}
      <FormField
        label="Hold length (seconds)"
        hint={
          draw
            ? "How long each winner has to check out before the unit passes on; 600 = 10 min"
            : "How long a claimed unit is held for checkout; 600 = 10 min"
        }
        error={shown("holdSeconds")}
      >
        {textInput(form, "holdSeconds", { inputMode: "numeric" })}
      </FormField>
      <p className="text-sm text-zinc-600 sm:col-span-2">
        Times are in your time zone: <strong data-testid="form-zone">{zone}</strong>. They are stored in UTC.
      </p>
      <FormField label={`Start (${zone})`} hint={utc(fields.startsAt)} error={shown("startsAt")}>
        {(a11y) => (
          <div className="flex flex-wrap gap-2">
            {textInput(form, "startsAt", { type: "datetime-local", step: 1 })(a11y)}
            <button
              type="button"
              onClick={() => form.set("startsAt", startNowInput())}
              className="shrink-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-semibold hover:bg-zinc-100 disabled:opacity-60"
            >
              Start now
            </button>
          </div>
        )}
      </FormField>
      <FormField label={`End (${zone})`} hint={utc(fields.endsAt)} error={shown("endsAt")}>
        {textInput(form, "endsAt", { type: "datetime-local", step: 1 })}
      </FormField>
    </fieldset>
  );
}
