import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { NOT_ALLOWED, allowHeader, routeMethods, wellEncoded } from "@/lib/api-routes";

// Every API route file answers every method: its own, and the others with a JSON 405 whose `Allow`
// names exactly its own (Next.js alone would answer an empty 405, or list them all in OPTIONS).
const appDir = join(process.cwd(), "app");

function routeFiles(dir = join(appDir, "api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

const pathOf = (file: string) => "/" + relative(appDir, file).split(sep).slice(0, -1).join("/");

describe("the API's route files", () => {
  it("answer every method: their own, the rest 405 naming their own, OPTIONS 204 naming them too", async () => {
    const files = routeFiles().filter((f) => !f.includes("[[..."));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const path = pathOf(file);
      const mod = (await import(file)) as Record<
        string,
        ((req: Request) => Response) & { [NOT_ALLOWED]?: true }
      >;
      for (const m of [...routeMethods, "OPTIONS"]) expect(typeof mod[m], `${path} ${m}`).toBe("function");
      expect(mod.HEAD, path).toBeUndefined(); // Next.js answers HEAD with GET
      const own = routeMethods.filter((m) => !mod[m]![NOT_ALLOWED]);
      expect(own.length, path).toBeGreaterThan(0);
      const allow = allowHeader(own);
      for (const m of routeMethods.filter((m) => !own.includes(m))) {
        const res = mod[m]!(new Request(`http://test${path}`, { method: m }));
        expect(res.status, `${path} ${m}`).toBe(405);
        expect(res.headers.get("allow"), `${path} ${m}`).toBe(allow);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_ALLOWED");
      }
      const options = mod.OPTIONS!(new Request(`http://test${path}`, { method: "OPTIONS" }));
      expect([options.status, options.headers.get("allow")], path).toEqual([204, allow]);
    }
  });

  it("give the waiting room's routes a function config no other route has (Vercel bundles them apart)", async () => {
    const config: Record<string, unknown> = {};
    for (const file of routeFiles())
      config[pathOf(file)] = ((await import(file)) as { maxDuration?: unknown }).maxDuration;
    const room = ["/api/drops/[id]/queue", "/api/drops/[id]/queue/me"];
    expect(room.map((path) => config[path])).toEqual([30, 30]);
    const others = Object.entries(config).filter(([path]) => !room.includes(path));
    expect(others.filter(([, maxDuration]) => maxDuration === 30)).toEqual([]);
  });

  it("spell Allow as Next.js's own OPTIONS answer does: sorted, HEAD with GET, OPTIONS always", () => {
    expect(allowHeader(["GET", "PATCH", "DELETE"])).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    expect(allowHeader(["POST"])).toBe("OPTIONS, POST");
  });

  it("tell a malformed percent-encoding from a good one", () => {
    expect(wellEncoded("/api/drops/%E0%A4%A")).toBe(false);
    expect(wellEncoded("/api/%")).toBe(false);
    expect(wellEncoded("/api/drops/a%20b")).toBe(true);
  });
});
