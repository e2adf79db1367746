const looks = {
  // Beside the fields of a one-line form; mt-6 lines it up with the inputs under their labels.
  inline:
    "mt-6 rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 disabled:opacity-60",
  full: "w-full rounded-lg bg-zinc-900 px-4 py-2.5 font-semibold text-white hover:bg-zinc-700 disabled:opacity-60",
};

/** A form's submit button, saying what it is doing while its request is in flight. */
export function SubmitButton({
  busy,
  label,
  busyLabel,
  look = "inline",
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  look?: keyof typeof looks;
}) {
  return (
    <button type="submit" disabled={busy} className={looks[look]}>
      {busy ? busyLabel : label}
    </button>
  );
}
