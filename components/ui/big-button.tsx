import type { ReactNode } from "react";

/** The one full-width button a shopper presses on a drop page (claim, enter a draw). */
export function BigButton({
  testId,
  onClick,
  disabled,
  children,
}: {
  testId: string;
  onClick: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      className="w-full rounded-xl bg-brand px-6 py-4 text-lg font-bold text-white shadow transition hover:bg-brand-dark focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand disabled:cursor-not-allowed disabled:bg-zinc-300 disabled:text-zinc-600"
    >
      {children}
    </button>
  );
}
