// Every free-text field a client can send goes through one rule (lib/schemas/text.ts): no NUL, no
// other control character (a multi-line field keeps tabs and line breaks), no bidi control, no lone
// surrogate; each refused with a message that names the character, at the field's own path.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  acceptInviteInput,
  apiTokenInput,
  createBrandInput,
  inviteInput,
  newAccountInput,
  signInInput,
} from "@/lib/schemas/brand";
import { confirmClaimInput, createShopperInput } from "@/lib/schemas/claim";
import { updateDropInput } from "@/lib/schemas/drop-admin";
import { createDropInput } from "@/lib/schemas/drop";
import { textProblem } from "@/lib/schemas/text";

const drop = {
  name: "Aurora Runner",
  priceCents: 1999,
  totalStock: 10,
  startsAt: "2099-01-01T00:00:00Z",
  endsAt: "2099-01-02T00:00:00Z",
};
const buyer = { name: "Ada", email: "ada@example.com", shippingAddress: "1 Loop Road, Testville" };

/** Each free-text field: its schema, a valid body, the field, and whether it is multi-line. */
const fields: [string, z.ZodType, Record<string, unknown>, string, boolean][] = [
  ["drop name", createDropInput, drop, "name", false],
  ["drop description", createDropInput, drop, "description", true],
  ["drop image URL", createDropInput, drop, "imageUrl", false],
  ["drop name (edit)", updateDropInput, { name: "x" }, "name", false],
  ["drop description (edit)", updateDropInput, { name: "x" }, "description", true],
  ["brand name", createBrandInput, { name: "Acme", slug: "acme" }, "name", false],
  ["invitee's email", inviteInput, { email: "a@example.com", role: "viewer" }, "email", false],
  ["member name", acceptInviteInput, { name: "Ada", password: "a-long-password-1" }, "name", false],
  [
    "member name (new account form)",
    newAccountInput,
    { name: "Ada", password: "a-long-password-1" },
    "name",
    false,
  ],
  ["member email (sign-in)", signInInput, { email: "a@example.com", password: "x" }, "email", false],
  ["API token name", apiTokenInput, { name: "CI", role: "viewer" }, "name", false],
  ["shopper name", createShopperInput, {}, "name", false],
  ["buyer name", confirmClaimInput, buyer, "name", false],
  ["buyer email", confirmClaimInput, buyer, "email", false],
  ["shipping address", confirmClaimInput, buyer, "shippingAddress", true],
];

const refused: [string, string][] = [
  ["NUL", "\u0000"],
  ["a bell", "\u0007"],
  ["an escape", "\u001B"],
  ["DEL", "\u007F"],
  ["a C1 control", "\u0085"],
  ["LRE", "\u202A"],
  ["RLE", "\u202B"],
  ["PDF", "\u202C"],
  ["LRO", "\u202D"],
  ["RLO", "\u202E"],
  ["LRI", "\u2066"],
  ["RLI", "\u2067"],
  ["FSI", "\u2068"],
  ["PDI", "\u2069"],
  ["LRM", "\u200E"],
  ["RLM", "\u200F"],
  ["ALM", "\u061C"],
  ["a lone high surrogate", "\uD83D"],
  ["a lone low surrogate", "\uDE00"],
];

/** `value` with `c` in the middle, where it would pass every other rule of the field. */
const withChar = (field: string, c: string) =>
  field.endsWith("mail")
    ? `ada${c}@example.com`
    : field === "imageUrl"
      ? `https://cdn.example/a${c}.png`
      : `Abc de${c}fgh`;

describe("every free-text field refuses control, bidi and unpaired characters", () => {
  it.each(fields)("%s", (_name, schema, valid, field, multiline) => {
    expect(schema.safeParse({ ...valid, [field]: withChar(field, "") }).success).toBe(true);
    for (const [what, c] of [
      ...refused,
      ...(multiline
        ? []
        : ([
            ["a line break", "\n"],
            ["a tab", "\t"],
            ["a carriage return", "\r"],
          ] as const)),
    ]) {
      const result = schema.safeParse({ ...valid, [field]: withChar(field, c) });
      const issues = result.error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      expect(issues, `${field} with ${what}`).toEqual([
        { path: field, message: expect.stringContaining("U+") },
      ]);
    }
  });
});

describe("textProblem", () => {
  it("names the character and what it is", () => {
    expect(textProblem("a\u0000b")).toBe("Contains a NUL character (U+0000), which is not allowed");
    expect(textProblem("a\u202Eb")).toMatch(/^Contains the bidirectional control character U\+202E/);
    expect(textProblem("a\uD800")).toBe("Contains an unpaired surrogate (U+D800): not valid Unicode text");
    expect(textProblem("a\nb")).toBe("Must be one line: contains a line break (U+000A)");
    expect(textProblem("a\u0001b", { multiline: true })).toMatch(/control character U\+0001/);
  });

  it("keeps what people write: accents, every script, emoji and their joiners, line breaks where allowed", () => {
    for (const ok of [
      "Zoë Ångström-Łukasiewicz",
      "שלום עולם",
      "مرحبا بالعالم",
      "東京 · 서울",
      "👩🏽‍💻 🏳️‍🌈 ❤️",
      "Straße\u00A0Nr.\u200B5", // a no-break and a zero-width space are not controls
    ])
      expect([ok, textProblem(ok)]).toEqual([ok, undefined]);
    expect(textProblem("Line one\r\nLine two\twith a tab", { multiline: true })).toBeUndefined();
  });
});
