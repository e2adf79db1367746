/**
 * What the last request answered when it failed. `reserve` keeps its line's height so the form
 * below does not jump; otherwise the line takes no room until there is something to say.
 */
export function ActionError({ error, id, reserve }: { error?: string; id?: string; reserve?: boolean }) {
  return (
    <p
      id={id}
      role="alert"
      className={`text-sm font-medium text-rose-700 ${reserve ? "min-h-5" : "empty:hidden"}`}
    >
      {error}
    </p>
  );
}
