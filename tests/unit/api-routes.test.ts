import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { allowHeader, answers, apiRoutes, routeMethods, routeOf, wellEncoded } from "@/lib/api-routes";

// The proxy answers wrong methods from lib/api-routes.ts: it must say what every route file exports.
const appDir = join(process.cwd(), "app");

function routeFiles(dir = join(appDir, "api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

/** "/api/drops/[id]/stock" for app/api/drops/[id]/stock/route.ts; route groups "(…)" are no segment. */
const pathOf = (file: string) =>
  "/" +
  relative(appDir, file)
    .split(sep)
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/");

describe("the API's route table", () => {
  it("lists every route file with exactly the methods it exports", async () => {
    const found: Record<string, string[]> = {};
    for (const file of routeFiles()) {
      const path = pathOf(file);
      if (path.includes("[...") || path.includes("[[...")) continue; // the unknown paths' 404
      const mod = (await import(file)) as Record<string, unknown>;
      found[path] = routeMethods.filter((m) => typeof mod[m] === "function");
      expect(
        Object.keys(mod).filter((k) => k === "HEAD" || k === "OPTIONS"),
        path,
      ).toEqual([]);
    }
    expect(found).toEqual(apiRoutes);
  });

  it("finds a path's route as Next.js does: a static segment before a dynamic one", () => {
    expect(routeOf("/api/drops/aurora-runner/claims/me")).toBe("/api/drops/[id]/claims/me");
    expect(routeOf("/api/drops/aurora-runner/claims")).toBe("/api/drops/[id]/claims");
    expect(routeOf("/api/admin/session/brand")).toBe("/api/admin/session/brand");
    expect(routeOf("/api/admin/drops/x")).toBe("/api/admin/drops/[id]");
    expect(routeOf("/api/drops/x/nope")).toBeUndefined();
    expect(routeOf("/api/drops//stock")).toBeUndefined();
    expect(routeOf("/api")).toBeUndefined();
  });

  it("allows what Next.js's own OPTIONS answer lists: HEAD with GET, OPTIONS always", () => {
    expect(allowHeader("/api/admin/drops/[id]")).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    expect(allowHeader("/api/drops/[id]/claims")).toBe("OPTIONS, POST");
    expect(answers("/api/drops/[id]/stock", "HEAD")).toBe(true);
    expect(answers("/api/drops/[id]/claims", "HEAD")).toBe(false);
    expect(answers("/api/drops/[id]/claims", "OPTIONS")).toBe(true);
    expect(answers("/api/drops/[id]/claims", "GET")).toBe(false);
  });

  it("tells a malformed percent-encoding from a good one", () => {
    expect(wellEncoded("/api/drops/%E0%A4%A")).toBe(false);
    expect(wellEncoded("/api/%")).toBe(false);
    expect(wellEncoded("/api/drops/a%20b")).toBe(true);
  });
});
