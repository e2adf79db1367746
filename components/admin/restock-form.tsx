import { actionButtonClass } from "@/components/admin/drop-action-buttons";
import { inputClass } from "@/components/admin/form-field";
import { restockInput } from "@/lib/schemas/drop-admin";

/** The units typed, once they make a restock the API accepts; undefined while they do not. */
function restockQuantity(text: string): number | undefined {
  const parsed = restockInput.safeParse({ quantity: Number(text) });
  return text.trim() && parsed.success ? parsed.data.quantity : undefined;
}

/** Units to add (or, negative, to remove); the text is the parent's so it can clear it once done. */
export function RestockForm({
  value,
  onChange,
  busy,
  onRestock,
}: {
  value: string;
  onChange: (value: string) => void;
  busy: boolean;
  onRestock: (quantity: number) => void;
}) {
  const qty = restockQuantity(value);
  return (
    <form
      onSubmit={(e) => (e.preventDefault(), qty !== undefined && onRestock(qty))}
      className="flex flex-wrap items-end gap-3"
    >
      <div className="space-y-1">
        <label htmlFor="restock-qty" className="block text-sm font-semibold">
          Units to add
        </label>
        <input
          id="restock-qty"
          inputMode="numeric"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby="restock-help"
          className={`${inputClass} w-32`}
        />
      </div>
      <button
        type="submit"
        disabled={busy || qty === undefined}
        className={`${actionButtonClass} border-zinc-900 hover:bg-zinc-50`}
      >
        Restock
      </button>
      <p id="restock-help" className="w-full text-xs text-zinc-500">
        Adds to remaining and total at once; a negative number removes unsold units (never sold ones).
      </p>
    </form>
  );
}
