import { actionButtonClass } from "@/components/admin/drop-action-buttons";
import { inputClass } from "@/components/admin/form-field";
import { restockInput } from "@/lib/schemas/drop-admin";

/**
 * The units typed, once they make a restock the API would accept, or the words for why not: the
 * schema's own messages, and the unsold units a negative number may remove (the server's rule).
 */
export function restockQuantity(text: string, remaining: number): { quantity?: number; problem?: string } {
  if (!text.trim()) return {};
  const parsed = restockInput.safeParse({ quantity: Number(text.trim()) });
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message };
  const { quantity } = parsed.data;
  if (quantity < -Math.max(0, remaining))
    return { problem: `Only ${Math.max(0, remaining)} unsold units can be removed` };
  return { quantity };
}

/** Units to add (or, negative, to remove); the text is the parent's so it can clear it once done. */
export function RestockForm({
  value,
  onChange,
  busy,
  remaining,
  onRestock,
}: {
  value: string;
  onChange: (value: string) => void;
  busy: boolean;
  /** Unsold units now: a restock may remove at most these. */
  remaining: number;
  onRestock: (quantity: number) => void;
}) {
  const { quantity: qty, problem } = restockQuantity(value, remaining);
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
          aria-describedby={problem ? "restock-problem restock-help" : "restock-help"}
          aria-invalid={!!problem}
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
      {problem && (
        <p id="restock-problem" role="alert" className="w-full text-sm text-rose-700">
          {problem}
        </p>
      )}
      <p id="restock-help" className="w-full text-xs text-zinc-500">
        Adds to remaining and total at once; a negative number removes unsold units (never sold ones).
      </p>
    </form>
  );
}
