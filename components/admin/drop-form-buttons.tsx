/** Save for an edit; for a new drop, start it now or schedule it (as its start says), or keep a draft. */
export function DropFormButtons({
  editing,
  busy,
  startsNow,
  onDraft,
}: {
  editing: boolean;
  busy: boolean;
  startsNow: boolean;
  onDraft: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-3">
      {editing ? (
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-zinc-900 px-5 py-2.5 font-semibold text-white hover:bg-zinc-700 disabled:opacity-60"
        >
          {busy ? "Saving…" : "Save changes"}
        </button>
      ) : (
        <>
          <button
            type="submit"
            disabled={busy}
            className="rounded-lg bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
          >
            {busy ? "Saving…" : startsNow ? "Start drop now" : "Schedule drop"}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={onDraft}
            className="rounded-lg border border-zinc-300 px-5 py-2.5 font-semibold hover:bg-zinc-100 disabled:opacity-60"
          >
            Save as draft
          </button>
        </>
      )}
    </div>
  );
}
