import { textInput, type FieldBinding } from "@/components/admin/drop-form-binding";
import { FormField, inputClass } from "@/components/admin/form-field";
import { bundledImages } from "@/lib/admin/bundled-images";
import { priceHint } from "@/lib/admin/drop-form";

/** What is for sale: name, description, image and price; all editable at any time. */
export function DropProductFields({ form }: { form: FieldBinding }) {
  const { fields, set, shown } = form;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-base font-bold">Product</legend>
      <FormField label="Name" error={shown("name")} className="sm:col-span-2">
        {textInput(form, "name", { autoComplete: "off" })}
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
        {textInput(form, "imageUrl", { inputMode: "url", placeholder: "https://…" })}
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
      <FormField label="Price" hint={priceHint(fields.currency)} error={shown("price")}>
        {textInput(form, "price", { inputMode: "decimal" })}
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
      <Checkbox
        checked={fields.listed}
        onChange={(v) => set("listed", v)}
        label="Show in the public feed"
        hint="Unticked, the drop is unlisted: shoppers reach it by its link only."
        hintId="drop-listed-hint"
      />
      <Checkbox
        checked={fields.pow}
        onChange={(v) => set("pow", v)}
        label="Bot defence: proof of work"
        hint="Each shopper's browser does a small calculation in the background before claiming (harder as the drop gets busier); shoppers never see it. Can be changed at any time."
        hintId="drop-pow-hint"
      />
    </fieldset>
  );
}

/** A ticked-or-not choice with its one-line explanation. */
function Checkbox({
  checked,
  onChange,
  label,
  hint,
  hintId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint: string;
  hintId: string;
}) {
  return (
    <div className="space-y-1 sm:col-span-2">
      <label className="flex items-center gap-2 text-sm font-semibold">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hintId}
          className="h-4 w-4 accent-brand"
        />
        {label}
      </label>
      <p id={hintId} className="text-xs text-zinc-500">
        {hint}
      </p>
    </div>
  );
}
