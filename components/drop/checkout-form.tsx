"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { PayStep } from "@/components/payments/pay-step";
import { usePaymentsConfig } from "@/components/payments/payments-config";
import { confirmClaims, type HoldCheckout } from "@/lib/hooks/actions";
import { useBuyerForm } from "@/components/drop/buyer-fields";
import type { Claim, ConfirmClaimInput } from "@/lib/schemas/claim";

export const units = (n: number) => `${n} unit${n === 1 ? "" : "s"}`;

const fields = ["name", "email", "shippingAddress"] as const;

/**
 * The field a refused confirm names (a 400's details, or e.g. EMAIL_HAS_ORDER's `email`), with its
 * words: said at that field. A refusal of anything else (the hold ended) is the result's to list.
 */
function fieldRefusal(r: HoldCheckout): { field: keyof ConfirmClaimInput; message: string } | undefined {
  if (r.ok || !Array.isArray(r.error?.details)) return undefined;
  for (const d of r.error.details as { path?: unknown; message?: unknown }[]) {
    const field = fields.find((f) => f === d.path);
    if (field) return { field, message: typeof d.message === "string" ? d.message : r.message };
  }
  return undefined;
}

type Paying = Extract<HoldCheckout, { ok: true }>;

/**
 * One checkout for all of this shopper's live holds on the drop: one address, one press, one
 * confirm per hold (validated with the same schema as the API). With payments on, the answers carry
 * each hold's payment and the card step follows (`PayStep`), then the wait for the orders. A single
 * order goes straight to its receipt; several, or a partial failure, stay on the page, which lists
 * each answer (`onDone`).
 */
export function CheckoutForm({
  holds,
  token,
  onDone,
  onPaying,
}: {
  holds: Claim[];
  token: string;
  /** Every answer but those refused for a field (said at the field); not called if none is left. */
  onDone: (results: HoldCheckout[]) => void;
  /**
   * The card step began (the holds it pays for) or moved on (an authentication step extends the
   * holds on the server): the page keeps this form while it runs and reloads its holds.
   */
  onPaying?: (holds: Claim[]) => void;
}) {
  const router = useRouter();
  const id = useId();
  const payments = usePaymentsConfig();
  const [paying, setPaying] = useState<{ paying: Paying[]; others: HoldCheckout[] }>();
  const buyer = useBuyerForm();
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const details = buyer.check();
    if (!details) return;
    const form = event.currentTarget as HTMLFormElement;
    setBusy(true);
    const results = await confirmClaims(holds, token, details);
    const refused = results.map(fieldRefusal);
    const first = refused.find((r) => r !== undefined);
    if (first) {
      buyer.setErrors(Object.fromEntries(refused.flatMap((r) => (r ? [[r.field, r.message]] : []))));
      (form.elements.namedItem(first.field) as HTMLElement | null)?.focus();
    }
    const rest = results.filter((_, i) => !refused[i]);
    const toPay = rest.filter((r): r is Paying => r.ok && !!r.payment && r.confirmed.status === "held");
    if (toPay.length > 0) {
      setPaying({ paying: toPay, others: rest.filter((r) => !toPay.includes(r as Paying)) });
      onPaying?.(toPay.map((r) => r.claim));
      setBusy(false);
      return;
    }
    finish(rest, results.length);
  }

  /** The checkout's answers: a single order goes to its receipt, anything else is listed. */
  function finish(rest: HoldCheckout[], sent: number) {
    if (rest.length > 0) onDone(rest);
    const [only] = rest;
    // Busy stays on while the receipt loads: the form cannot be sent twice.
    if (sent === 1 && rest.length === 1 && only?.ok) router.push(only.orderUrl);
    else setBusy(false);
  }

  const n = holds.length;
  return (
    <div
      data-testid="checkout"
      className="space-y-3 rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950"
    >
      <form onSubmit={submit} aria-labelledby={`${id}-title`} className="space-y-3" noValidate>
        <h2 id={`${id}-title`} className="font-bold">
          {n === 1 ? "Check out your unit" : `Check out your ${n} units`}
        </h2>
        {n > 1 && <p className="text-sm">One address for all of them: each unit becomes its own order.</p>}
        {/* Once the card step is on, the details are those the payment is for. */}
        <fieldset disabled={!!paying} className="space-y-3">
          {buyer.fields}
        </fieldset>
        {!paying && (
          <>
            <p className="text-xs text-emerald-900">
              {payments.mode === "off"
                ? "No payment is taken in this demo: checking out confirms your order."
                : "You pay on the next step; your order is confirmed once the payment goes through."}
            </p>
            <button
              type="submit"
              disabled={busy}
              className="w-full rounded-lg bg-emerald-700 px-4 py-2.5 font-bold text-white hover:bg-emerald-800 disabled:bg-zinc-300 disabled:text-zinc-700"
            >
              {busy ? `Confirming ${units(n)}…` : `Check out ${units(n)}`}
            </button>
          </>
        )}
      </form>
      {paying && (
        <PayStep
          paying={paying.paying}
          token={token}
          onStep={() => onPaying?.(paying.paying.map((r) => r.claim))}
          onSettled={(settled) => finish([...paying.others, ...settled], holds.length)}
        />
      )}
    </div>
  );
}
