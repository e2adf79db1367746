import { useId } from "react";

type Props = {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby": string }) => React.ReactNode;
  className?: string;
};

/** A labelled control with its hint and its error, wired for screen readers. */
export function FormField({ label, hint, error, children, className = "" }: Props) {
  const id = useId();
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": `${id}-hint ${id}-error`,
      })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="min-h-4 text-xs font-medium text-rose-700">
        {error}
      </p>
    </div>
  );
}

export const inputClass =
  "w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-rose-600 disabled:bg-zinc-100 disabled:text-zinc-500";
