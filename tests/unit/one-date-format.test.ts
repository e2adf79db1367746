import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inviteMail } from "@/lib/mail/invite";

// The README promises one date-time format everywhere: formatInstant (lib/format.ts), shown on pages
// through LocalTime. A page, component or mail that formats a date itself breaks the promise.

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// Ways to print a date other than formatInstant: locale strings, Intl.DateTimeFormat, cut-up ISO text.
const homeMade =
  /toLocale(Date|Time)?String|toUTCString|Intl\.DateTimeFormat|replace\("T", " "\)|(At|iso)\.slice\(/;

describe("one date format", () => {
  it("no page, component or mail formats a date itself", () => {
    const shown = ["app", "components", "lib/mail"].flatMap((d) => files(join(process.cwd(), d)));
    const offenders = shown.filter((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        // The mail's own Date header is RFC 5322's format, not one a reader is shown.
        .some((line) => homeMade.test(line) && !line.includes("Date: ${")),
    );
    expect(offenders.map((f) => f.slice(process.cwd().length + 1))).toEqual([]);
  });

  it("an invite mail gives its expiry in that format", () => {
    const { text } = inviteMail({
      to: "ada@example.com",
      brandName: "Acme",
      role: "manager",
      url: "https://drops.example.com/invites/x",
      expiresAt: "2026-03-04T17:00:00.000Z",
    });
    expect(text).toContain("until Mar 4, 2026, 05:00 PM UTC)");
    expect(text).not.toContain("2026-03-04T");
  });
});
