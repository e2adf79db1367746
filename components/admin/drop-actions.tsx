"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSWRConfig } from "swr";
import { ConfirmDialog } from "@/components/admin/confirm-dialog";
import { inputClass } from "@/components/admin/form-field";
import { api, ApiError } from "@/lib/hooks/fetcher";
import { metricsKey, useDropMetrics } from "@/lib/hooks/use-admin";
import { restockInput, type DropMetrics } from "@/lib/schemas/drop-admin";
import type { Drop } from "@/lib/schemas/drop";

type Action = "publish" | "pause" | "resume" | "end" | "restock" | "delete";
type Answer = { ok: boolean; text: string };

const confirmText: Partial<Record<Action, { title: string; label: string; destructive?: boolean }>> = {
  publish: { title: "Publish this drop?", label: "Publish" },
  end: { title: "End this drop now?", label: "End drop", destructive: true },
  restock: { title: "Change the stock?", label: "Restock" },
  delete: { title: "Delete this draft?", label: "Delete draft", destructive: true },
};

/** What an admin can do to a drop right now; each answer from the server is shown as it came. */
export function DropActions({ drop, initial }: { drop: Pick<Drop, "id" | "name">; initial: DropMetrics }) {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const { data = initial } = useDropMetrics(drop.id, initial);
  const [pending, setPending] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer>();
  const [quantity, setQuantity] = useState("");
  const status = data.status;
  const parsedQty = restockInput.safeParse({ quantity: Number(quantity) });
  const qty = quantity.trim() && parsedQty.success ? parsedQty.data.quantity : undefined;

  async function run(action: Action) {
    setPending(undefined);
    setBusy(true);
    try {
      const url = `/api/admin/drops/${drop.id}${action === "delete" ? "" : `/${action}`}`;
      const body =
        action === "restock" ? JSON.stringify({ quantity: qty }) : action === "delete" ? undefined : "{}";
      const res = await api<{ drop?: Drop }>(url, { method: action === "delete" ? "DELETE" : "POST", body });
      if (action === "delete") return router.push("/admin");
      setAnswer({ ok: true, text: done(action, res.drop) });
      if (action === "restock") setQuantity("");
    } catch (err) {
      setAnswer({
        ok: false,
        text: err instanceof ApiError ? `${err.message} (${err.code})` : "The request failed.",
      });
    } finally {
      setBusy(false);
      void mutate(metricsKey(drop.id));
      router.refresh();
    }
  }
  const ask = (action: Action) => (confirmText[action] ? setPending(action) : void run(action));
  const c = pending ? confirmText[pending] : undefined;
  const open = status !== "ended";
  const button = "rounded-lg border px-4 py-2 text-sm font-semibold disabled:opacity-50";

  return (
    <section
      aria-labelledby="actions-heading"
      className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-5"
    >
      <h2 id="actions-heading" className="text-lg font-bold">
        Actions
      </h2>
      <div className="flex flex-wrap gap-3">
        {status === "draft" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => ask("publish")}
            className={`${button} border-zinc-900 bg-zinc-900 text-white`}
          >
            Publish
          </button>
        )}
        {open && status !== "draft" && status !== "paused" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => ask("pause")}
            className={`${button} border-sky-700 text-sky-800 hover:bg-sky-50`}
          >
            Pause
          </button>
        )}
        {status === "paused" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => ask("resume")}
            className={`${button} border-emerald-700 text-emerald-800 hover:bg-emerald-50`}
          >
            Resume
          </button>
        )}
        {open && status !== "draft" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => ask("end")}
            className={`${button} border-rose-700 text-rose-800 hover:bg-rose-50`}
          >
            End now
          </button>
        )}
        <Link href={`/admin/drops/${drop.id}/edit`} className={`${button} border-zinc-300 hover:bg-zinc-50`}>
          Edit
        </Link>
        {status === "draft" && (
          <button
            type="button"
            disabled={busy}
            onClick={() => ask("delete")}
            className={`${button} border-rose-700 text-rose-800 hover:bg-rose-50`}
          >
            Delete draft
          </button>
        )}
      </div>
      {open && (
        <form
          onSubmit={(e) => (e.preventDefault(), qty !== undefined && ask("restock"))}
          className="flex flex-wrap items-end gap-3"
        >
          <div className="space-y-1">
            <label htmlFor="restock-qty" className="block text-sm font-semibold">
              Units to add
            </label>
            <input
              id="restock-qty"
              inputMode="numeric"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              aria-describedby="restock-help"
              className={`${inputClass} w-32`}
            />
          </div>
          <button
            type="submit"
            disabled={busy || qty === undefined}
            className={`${button} border-zinc-900 hover:bg-zinc-50`}
          >
            Restock
          </button>
          <p id="restock-help" className="w-full text-xs text-zinc-500">
            Adds to remaining and total at once; a negative number removes unsold units (never sold ones).
          </p>
        </form>
      )}
      <p
        role="status"
        aria-live="polite"
        data-testid="action-answer"
        className={`min-h-5 text-sm font-medium ${answer?.ok ? "text-emerald-800" : "text-rose-700"}`}
      >
        {answer && (answer.ok ? "✓ " : "✗ ") + answer.text}
      </p>
      <ConfirmDialog
        open={Boolean(c)}
        title={c?.title ?? ""}
        confirmLabel={c?.label ?? ""}
        destructive={c?.destructive}
        onCancel={() => setPending(undefined)}
        onConfirm={() => pending && void run(pending)}
      >
        {pending === "restock" && qty !== undefined && (
          <p>
            {qty > 0 ? `Add ${qty}` : `Remove ${-qty}`} units: {data.remainingStock} →{" "}
            {data.remainingStock + qty} remaining, {data.totalStock} → {data.totalStock + qty} in total.
          </p>
        )}
        {pending === "end" && <p>“{drop.name}” stops selling at once. This cannot be undone.</p>}
        {pending === "delete" && <p>“{drop.name}” and its settings are deleted. This cannot be undone.</p>}
        {pending === "publish" && <p>Shoppers will see “{drop.name}”, and it sells from its start time.</p>}
      </ConfirmDialog>
    </section>
  );
}

function done(action: Action, drop: Drop | undefined): string {
  const stock = drop ? ` ${drop.remainingStock} of ${drop.totalStock} left.` : "";
  switch (action) {
    case "publish":
      return "Published." + stock;
    case "pause":
      return "Paused: claims are refused until you resume.";
    case "resume":
      return "Resumed: claims are accepted again." + stock;
    case "end":
      return "Ended: nothing more will sell.";
    case "restock":
      return "Restocked." + stock;
    default:
      return "Done.";
  }
}
