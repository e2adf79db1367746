import { z } from "@/lib/schemas/zod";

// Free text a client sends (names, descriptions, addresses) is shown to other people: in the
// shop, the dashboard, a receipt, a mail. Refused, with the character named:
// - NUL, and every other C0 and C1 control character and DEL; a multi-line field keeps the tab
//   and the line breaks (\t, \n, \r);
// - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): they reorder
//   what is shown, so "gpj.exe" can read as "exe.jpg" and a name can pass for another;
// - lone surrogates: not Unicode text (they cannot be encoded as UTF-8; real DynamoDB may refuse them).
// Everything else (accents, scripts of every language, emoji and their joiners) is kept as sent.
// Secrets (passwords, the admin token) are not text: hashed or compared, never shown.

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// With the u flag a surrogate pair is one code point: only an unpaired half matches.
const LONE_SURROGATE = /\p{Cs}/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `value` is refused as text (one line unless `multiline`), or undefined when it is fine. */
export function textProblem(value: string, { multiline = false } = {}): string | undefined {
  const control = value.match(multiline ? CONTROL_BUT_LINES : CONTROL)?.[0];
  if (control === "\u0000") return "Contains a NUL character (U+0000), which is not allowed";
  if (control !== undefined && "\t\n\r".includes(control))
    return `Must be one line: contains a ${control === "\t" ? "tab" : "line break"} (${codePoint(control)})`;
  if (control !== undefined)
    return `Contains the control character ${codePoint(control)}, which is not allowed`;
  const bidi = value.match(BIDI)?.[0];
  if (bidi !== undefined)
    return `Contains the bidirectional control character ${codePoint(bidi)}, which can disguise text; remove it`;
  const lone = value.match(LONE_SURROGATE)?.[0];
  if (lone !== undefined)
    return `Contains an unpaired surrogate (${codePoint(lone)}): not valid Unicode text`;
  return undefined;
}

/**
 * A string field of free text: one line, or `multiline` (tabs and line breaks kept). Chain the
 * field's own rules after it: `text().trim().min(1, "…").max(80, "…")`.
 */
export function text({ multiline = false }: { multiline?: boolean } = {}) {
  return z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
