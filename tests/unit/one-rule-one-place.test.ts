import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Rules written once (docs/architecture.md): the activity log is written by the route wrapper only,
// the Idempotency-Key header is parsed in one place, and the admin pages ask for the session through
// lib/admin/pages.ts (verified once per request), never by reading the cookie themselves.

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const code = ["app", "lib", "components"].flatMap((d) => files(d));
const using = (pattern: RegExp) => code.filter((f) => pattern.test(readFileSync(f, "utf8"))).sort();

describe("one rule, one place", () => {
  it("only the route wrapper writes the activity log", () => {
    expect(using(/\b(noteActivity|recordActivity)\(/)).toEqual([
      "lib/brand/activity.ts",
      "lib/http/route.ts",
    ]);
  });

  it("only lib/http/request-headers.ts reads the Idempotency-Key header", () => {
    expect(using(/headers\.get\(["']idempotency-key["']\)/i)).toEqual(["lib/http/request-headers.ts"]);
  });

  it("pages and layouts reach the admin session through lib/admin/pages.ts only", () => {
    const pages = code.filter((f) => f.startsWith("app/") && /\/(page|layout)\.tsx$/.test(f));
    const direct = pages.filter((f) =>
      /sessionPrincipal|ADMIN_COOKIE|@\/lib\/auth\/admin\b/.test(readFileSync(f, "utf8")),
    );
    expect(direct).toEqual([]);
  });
});
