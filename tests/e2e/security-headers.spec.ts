import { expect, test } from "@playwright/test";
import { claimButton, createDrop, warmUp } from "./helpers";
import { E2E_ADMIN_TOKEN } from "./env";

// Issue 12: security headers on every response, and a CSP the app's own pages pass: each page's
// scripts carry that response's nonce, no violation is reported, and the page still comes alive.

declare global {
  interface Window {
    __violations: string[];
  }
}

test("pages: a nonce CSP they pass, fresh per response; API answers: their own headers", async ({
  page,
  request,
}) => {
  await warmUp(request);
  const drop = await createDrop(request, {
    name: "CSP drop",
    startsAt: new Date(Date.now() - 1_000).toISOString(),
  });

  const first = await request.get("/");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(first.headers()).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
  });
  expect(first.headers()["strict-transport-security"]).toContain("max-age="); // a production build
  const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
  // Every script in the HTML carries this response's nonce; the next response has another one.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce);

  const api = await request.get(`/api/drops/${drop.id}/stock`);
  expect(api.headers()).toMatchObject({
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });

  // In the browser: no violation on the shopper's and the admin's pages, and both hydrate.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto("/");
  await expect(page.getByText("CSP drop").first()).toBeVisible();
  await page.goto(`/drops/${drop.id}`);
  await expect(claimButton(page)).toBeEnabled({ timeout: 15_000 }); // hydrated: its scripts ran
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  await page.goto("/admin/login");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
});

test("every HTML answer carries a CSP: prefetches, RSC requests, 404s, paths that only look excluded", async ({
  request,
}) => {
  await warmUp(request);
  const drop = await createDrop(request, {
    name: "Prefetched drop",
    startsAt: new Date(Date.now() - 1_000).toISOString(),
  });
  // The ways a page is asked for: a browser's <link rel=prefetch> (Purpose / Sec-Purpose), the
  // router's prefetch, and its RSC payload (which needs the _rsc query, or it is redirected).
  const asked: [string, Record<string, string>, string][] = [
    ["a page", {}, ""],
    ["a router prefetch", { "Next-Router-Prefetch": "1" }, ""],
    ["a browser prefetch", { Purpose: "prefetch" }, ""],
    ["a Sec-Purpose prefetch", { "Sec-Purpose": "prefetch" }, ""],
    ["an RSC prefetch", { RSC: "1", "Next-Router-Prefetch": "1" }, "?_rsc=e2e"],
    ["an RSC payload", { RSC: "1" }, "?_rsc=e2e"],
  ];
  const paths = [
    "/",
    `/drops/${drop.id}`,
    "/admin/login",
    "/no-such-page",
    // 404 pages whose paths only start like the proxy's exclusions (api/, _next/static/, …).
    "/apiary",
    "/_next/staticky",
    "/_next/imagery",
    "/favicon.ico",
  ];
  for (const path of paths) {
    for (const [how, headers, query] of asked) {
      const res = await request.get(path + query, { headers, maxRedirects: 0 });
      const what = `${path} as ${how} (${res.status()} ${res.headers()["content-type"]})`;
      const csp = res.headers()["content-security-policy"] ?? "";
      expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, what).toContain("frame-ancestors 'none'");
      if (!(res.headers()["content-type"] ?? "").startsWith("text/html")) continue;
      // A whole page: its scripts carry this response's nonce.
      const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
      const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, what).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
    }
  }
  // The API's own 404 (JSON, app/api/[[...path]]/route.ts) carries the API's policy too.
  for (const path of ["/api/no-such-route", "/api"]) {
    const res = await request.get(path, { headers: { Purpose: "prefetch" }, maxRedirects: 0 });
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  // So do the proxy's own answers: a wrong method (405) and a malformed path (400).
  for (const [method, path] of [
    ["DELETE", "/api/drops/x/stock"],
    ["GET", "/api/drops/%E0%A4%A/stock"],
  ] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), path).toBe(method === "DELETE" ? 405 : 400);
    expect(res.headers(), path).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
    });
  }
});
