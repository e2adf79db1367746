import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";

// Every answer of the API is its JSON error shape, never Next.js's HTML page or an empty body: an
// unknown path (404 NOT_FOUND, any method), a method a route does not export (405
// METHOD_NOT_ALLOWED with `Allow`), a path whose percent-encoding is malformed (400 INVALID_REQUEST).
// The routes come from the file system, so a new route file is covered without touching this spec.

const appDir = join(process.cwd(), "app");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = join(appDir, "api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

/** A request path that reaches the route file: each dynamic segment "[id]" becomes "e2e-id". */
const samplePath = (file: string) =>
  "/" +
  relative(appDir, file)
    .split(sep)
    .slice(0, -1)
    .map((s) => s.replace(/^\[(\w+)\]$/, "e2e-$1"))
    .join("/");

async function expectError(res: APIResponse, status: number, code: string, what: string) {
  expect(res.status(), what).toBe(status);
  expect(res.headers()["content-type"], what).toMatch(/^application\/json/);
  const body = (await res.json()) as { error?: { code?: string; message?: string } };
  expect(body.error?.code, what).toBe(code);
  expect(typeof body.error?.message, what).toBe("string");
}

test("a wrong method on every route: 405 METHOD_NOT_ALLOWED, with the Allow of the route's own OPTIONS", async ({
  request,
}) => {
  const routes = routeFiles()
    .filter((f) => !f.includes("[..."))
    .map(samplePath);
  expect(routes.length).toBeGreaterThan(30);
  const wrong: string[] = [];
  await Promise.all(
    routes.map(async (path) => {
      // Next.js answers OPTIONS from the route module's exports: the truth the 405s must agree with.
      const options = await request.fetch(path, { method: "OPTIONS" });
      expect(options.status(), `OPTIONS ${path}`).toBe(204);
      const allow = options.headers()["allow"] ?? "";
      expect(allow, `OPTIONS ${path}`).toContain("OPTIONS");
      const allowed = allow.split(", ");
      for (const method of [...methods, "HEAD"].filter((m) => !allowed.includes(m))) {
        const what = `${method} ${path}`;
        wrong.push(what);
        const res = await request.fetch(path, { method, maxRedirects: 0 });
        expect(res.headers()["allow"], what).toBe(allow);
        if (method === "HEAD")
          expect(res.status(), what).toBe(405); // a HEAD answer has no body
        else await expectError(res, 405, "METHOD_NOT_ALLOWED", what);
      }
    }),
  );
  expect(wrong).toContain("GET /api/drops/e2e-id/claims");
  expect(wrong).toContain("DELETE /api/drops/e2e-id/stock");
});

test("an unknown API path, with any method: 404 NOT_FOUND in JSON", async ({ request }) => {
  const paths = [
    "/api",
    "/api/nope",
    "/api/drops/x/nope",
    "/api/drops/x/claims/me/more",
    "/api/admin/nope",
    "/api/admin/drops/x/claims/y/z",
    "/api/a/b/c/d/e/f/g/h",
  ];
  await Promise.all(
    paths.flatMap((path) => [
      ...[...methods, "OPTIONS"].map(async (method) =>
        expectError(
          await request.fetch(path, { method, maxRedirects: 0 }),
          404,
          "NOT_FOUND",
          `${method} ${path}`,
        ),
      ),
      (async () => {
        expect((await request.fetch(path, { method: "HEAD" })).status(), `HEAD ${path}`).toBe(404);
      })(),
    ]),
  );
});

test("a malformed percent-encoding in an API path: 400 INVALID_REQUEST in JSON", async ({ request }) => {
  for (const path of ["/api/drops/%E0%A4%A", "/api/%", "/api/drops/%zz/stock", "/api/nope/%E0"]) {
    for (const method of ["GET", "POST", "DELETE"]) {
      await expectError(await request.fetch(path, { method }), 400, "INVALID_REQUEST", `${method} ${path}`);
    }
  }
});
