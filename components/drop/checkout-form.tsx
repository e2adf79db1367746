"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { confirmClaim, useAction } from "@/lib/hooks/actions";
import { confirmClaimInput, type Claim, type ConfirmClaimInput } from "@/lib/schemas/claim";

type Errors = Partial<Record<keyof ConfirmClaimInput, string>>;

/** Checkout for one hold, validated with the same schema as the API. Payment is not taken yet. */
export function CheckoutForm({
  claimId,
  token,
  onChange,
}: {
  claimId: string;
  token: string;
  /** The hold was confirmed (with the server's claim) or found ended (409). */
  onChange: (updated?: Claim) => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<ConfirmClaimInput>({ name: "", email: "", shippingAddress: "" });
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error: message, run } = useAction({ keepBusy: "success" });

  function update(field: keyof ConfirmClaimInput, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    const issue = confirmClaimInput.safeParse(next).error?.issues.find((i) => i.path[0] === field);
    setErrors((e) => ({ ...e, [field]: issue?.message }));
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = confirmClaimInput.safeParse(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message])));
      return;
    }
    const confirmed = await run(async () => {
      const { claim, orderUrl } = await confirmClaim(claimId, token, parsed.data);
      onChange(claim);
      router.push(orderUrl);
    });
    // A 409 means the hold has ended: the parent reloads the claims to show what it became.
    if (!confirmed.ok && confirmed.error?.status === 409) onChange();
  }

  const field = (name: keyof ConfirmClaimInput, label: string, type = "text") => (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      {name === "shippingAddress" ? (
        <textarea
          name={name}
          rows={2}
          value={values[name]}
          onChange={(e) => update(name, e.target.value)}
          aria-invalid={!!errors[name]}
          aria-describedby={errors[name] ? `${claimId}-${name}-error` : undefined}
          className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2"
        />
      ) : (
        <input
          name={name}
          type={type}
          value={values[name]}
          onChange={(e) => update(name, e.target.value)}
          aria-invalid={!!errors[name]}
          aria-describedby={errors[name] ? `${claimId}-${name}-error` : undefined}
          className="mt-1 w-full rounded-lg border border-zinc-300 px-3 py-2"
        />
      )}
      {errors[name] && (
        <span id={`${claimId}-${name}-error`} className="text-xs text-rose-700">
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      {field("name", "Full name")}
      {field("email", "Email", "email")}
      {field("shippingAddress", "Shipping address")}
      <p className="text-xs text-zinc-500">
        No payment is taken in this demo: checking out confirms your order.
      </p>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-emerald-700 px-4 py-2.5 font-bold text-white hover:bg-emerald-800 disabled:bg-zinc-300"
      >
        {busy ? "Confirming…" : "Check out"}
      </button>
      {message && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {message}
        </p>
      )}
    </form>
  );
}
