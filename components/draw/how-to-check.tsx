/** Plain steps to check a draw without this page: the CLI, or a shell and the published values. */
export function HowToCheck({ appUrl, dropId }: { appUrl: string; dropId: string }) {
  const command = `npm run verify-draw -- --url ${appUrl} --drop ${dropId}`;
  const shell = [
    `printf '%s' "$SEED" | xxd -r -p | sha256sum                        # = commitment`,
    `LC_ALL=C sort ids.txt | head -c -1 | sha256sum                     # = entriesHash (ids.txt: one id a line)`,
    `printf '%s' "$SIGNATURE" | xxd -r -p | sha256sum                   # = randomness`,
    `printf '%s' "$SEED:$RANDOMNESS:$ENTRIES_HASH:$ENTRY_ID" | sha256sum  # = that entry's score`,
  ].join("\n");
  return (
    <section aria-labelledby="check-heading" className="space-y-3">
      <h2 id="check-heading" className="text-lg font-bold">
        How to check this yourself
      </h2>
      <p className="text-zinc-700">
        From a copy of DropRush&apos;s code, this reads the same published data and runs the same check,
        printing VERIFIED or what differs (add <code>--receipt receipt.json</code> to check your entry&apos;s
        receipt and that your entry is listed):
      </p>
      {/* Scrollable on a phone, so reachable by keyboard too. */}
      <pre
        tabIndex={0}
        aria-label="The command"
        className="overflow-x-auto rounded-xl bg-zinc-900 p-4 text-sm text-zinc-100"
      >
        <code data-testid="verify-command">{command}</code>
      </pre>
      <p className="text-zinc-700">
        Or with a shell: the data is at <code>/api/drops/{dropId}/draw</code> and its entries at{" "}
        <code>/api/drops/{dropId}/draw/entries</code> (page on with <code>?cursor=</code>). Entries win in
        ascending score (ties by id): the first as many as there are units, the rest are the waitlist in
        order.
      </p>
      <pre
        tabIndex={0}
        aria-label="The shell lines"
        className="overflow-x-auto rounded-xl bg-zinc-900 p-4 text-sm text-zinc-100"
      >
        <code>{shell}</code>
      </pre>
      <p className="text-sm text-zinc-600">
        What this proves: the seed was fixed before the first entry, nobody could know the beacon&apos;s value
        while entries were open, and the winners follow from the published entries. What it cannot prove: that
        every entry is a distinct real shopper. The entry count is public throughout, and a shopper left out
        can show their signed receipt.
      </p>
    </section>
  );
}
