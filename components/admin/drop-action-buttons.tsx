import Link from "next/link";
import { pendingText } from "@/components/admin/drop-action-answer";
import type { DropRequest } from "@/lib/hooks/actions";
import type { DropStatus } from "@/lib/schemas/drop";

type Press = Exclude<DropRequest["action"], "restock">;

export const actionButtonClass = "rounded-lg border px-4 py-2 text-sm font-semibold disabled:opacity-50";

type Button = { action: Press; label: string; tone: string; shows: (status: DropStatus) => boolean };

// The buttons in the order they sit, each shown only in the statuses it applies to.
const before: Button[] = [
  {
    action: "publish",
    label: "Publish",
    tone: "border-zinc-900 bg-zinc-900 text-white",
    shows: (s) => s === "draft",
  },
  {
    action: "pause",
    label: "Pause",
    tone: "border-sky-700 text-sky-800 hover:bg-sky-50",
    shows: (s) => s !== "ended" && s !== "draft" && s !== "paused",
  },
  {
    action: "resume",
    label: "Resume",
    tone: "border-emerald-700 text-emerald-800 hover:bg-emerald-50",
    shows: (s) => s === "paused",
  },
  {
    action: "end",
    label: "End now",
    tone: "border-rose-700 text-rose-800 hover:bg-rose-50",
    shows: (s) => s !== "ended" && s !== "draft",
  },
];
// After the Edit link: deleting sits apart from the state changes.
const after: Button[] = [
  {
    action: "delete",
    label: "Delete draft",
    tone: "border-rose-700 text-rose-800 hover:bg-rose-50",
    shows: (s) => s === "draft",
  },
];

/** The row of what can be done to a drop in its current status, with the link to edit it. */
export function DropActionButtons({
  dropId,
  status,
  busy,
  sending,
  onPress,
}: {
  dropId: string;
  status: DropStatus;
  busy: boolean;
  /** The action in flight: its button says so ("Pausing…"). */
  sending?: DropRequest["action"];
  onPress: (action: Press) => void;
}) {
  const buttons = (list: Button[]) =>
    list
      .filter((b) => b.shows(status))
      .map((b) => (
        <button
          key={b.action}
          type="button"
          disabled={busy}
          onClick={() => onPress(b.action)}
          className={`${actionButtonClass} ${b.tone}`}
        >
          {sending === b.action ? pendingText[b.action] : b.label}
        </button>
      ));
  return (
    <div className="flex flex-wrap gap-3">
      {buttons(before)}
      <Link
        href={`/admin/drops/${dropId}/edit`}
        className={`${actionButtonClass} border-zinc-300 hover:bg-zinc-50`}
      >
        Edit
      </Link>
      {buttons(after)}
    </div>
  );
}
