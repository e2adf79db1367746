"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so; where the browser refuses, the caller's field is still selectable. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [said, setSaid] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied.");
    } catch {
      setSaid("Could not copy: select the text and copy it yourself.");
    }
  }
  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-zinc-50"
      >
        {label}
      </button>
      <span aria-live="polite" className="text-xs text-zinc-600">
        {said}
      </span>
    </>
  );
}
