import type { DropRequest } from "@/lib/hooks/actions";
import type { Drop } from "@/lib/schemas/drop";

export type Answer = { ok: boolean; text: string };

/** While a request runs, what it is doing ("Pausing…"); then the server's answer, announced as it comes. */
export function DropActionAnswer({
  answer,
  sending,
}: {
  answer: Answer | undefined;
  sending?: DropRequest["action"];
}) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="action-answer"
      className={`min-h-5 text-sm font-medium ${sending ? "text-zinc-600" : answer?.ok ? "text-emerald-800" : "text-rose-700"}`}
    >
      {sending ? pendingText[sending] : answer && (answer.ok ? "✓ " : "✗ ") + answer.text}
    </p>
  );
}

export const pendingText: Record<DropRequest["action"], string> = {
  publish: "Publishing…",
  pause: "Pausing…",
  resume: "Resuming…",
  end: "Ending…",
  restock: "Restocking…",
  delete: "Deleting…",
};

/** What a request that succeeded did, with the stock the server now reports. */
export function doneText(action: DropRequest["action"], drop: Drop | undefined): string {
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
