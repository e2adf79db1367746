// Admin tables on a phone keep their key columns: a column of detail is shown from the `md`
// breakpoint on (`fromMd`), and below it the row's first cell repeats that detail in a small line
// (`onNarrow`), so nothing is pushed off the screen.
export const fromMd = "hidden md:table-cell";
export const onNarrow = "block text-xs font-normal text-zinc-600 md:hidden";
