"use client";

import { useId, useState } from "react";
import { confirmClaimInput, type ConfirmClaimInput } from "@/lib/schemas/claim";

export type BuyerErrors = Partial<Record<keyof ConfirmClaimInput, string>>;

/**
 * A buyer's name, email and shipping address, validated as the API does (`confirmClaimInput`): the
 * checkout's form and a paid draw's entry form. `check` validates everything, saying each issue at
 * its field; `setErrors` says a server's refusal there.
 */
export function useBuyerForm() {
  const id = useId();
  const [values, setValues] = useState<ConfirmClaimInput>({ name: "", email: "", shippingAddress: "" });
  const [errors, setErrors] = useState<BuyerErrors>({});

  function update(field: keyof ConfirmClaimInput, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    const issue = confirmClaimInput.safeParse(next).error?.issues.find((i) => i.path[0] === field);
    setErrors((e) => ({ ...e, [field]: issue?.message }));
  }

  function check(): ConfirmClaimInput | undefined {
    const parsed = confirmClaimInput.safeParse(values);
    if (!parsed.success)
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message])));
    return parsed.data;
  }

  const field = (name: keyof ConfirmClaimInput, label: string, type = "text") => {
    const a11y = {
      name,
      value: values[name],
      "aria-invalid": !!errors[name],
      "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
      className: "mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2",
    };
    return (
      <label className="block text-sm">
        <span className="font-medium">{label}</span>
        {name === "shippingAddress" ? (
          <textarea {...a11y} rows={2} onChange={(e) => update(name, e.target.value)} />
        ) : (
          <input {...a11y} type={type} onChange={(e) => update(name, e.target.value)} />
        )}
        {errors[name] && (
          <span id={`${id}-${name}-error`} className="text-xs text-rose-700">
            {errors[name]}
          </span>
        )}
      </label>
    );
  };

  /** The three fields, in order. */
  const fields = (
    <>
      {field("name", "Full name")}
      {field("email", "Email", "email")}
      {field("shippingAddress", "Shipping address")}
    </>
  );
  return { fields, check, setErrors };
}
