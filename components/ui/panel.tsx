type Props = {
  /** Prefix of the heading's id (`${id}-heading`), which labels the section. */
  id: string;
  title: string;
  /** Vertical rhythm between the panel's blocks. */
  space?: "space-y-3" | "space-y-4" | "space-y-5";
  /** The classes of a row the title shares with `aside`; without it the title stands alone. */
  row?: string;
  /** Beside the title in that row: a badge, a button, a link. */
  aside?: React.ReactNode;
  children: React.ReactNode;
};

/** The white card every admin panel sits in, labelled by its own heading. */
export function Panel({ id, title, space = "space-y-4", row, aside, children }: Props) {
  const heading = (
    <h2 id={`${id}-heading`} className="text-lg font-bold">
      {title}
    </h2>
  );
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`${space} rounded-2xl border border-zinc-200 bg-white p-5`}
    >
      {row === undefined ? (
        heading
      ) : (
        <div className={row}>
          {heading}
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}
