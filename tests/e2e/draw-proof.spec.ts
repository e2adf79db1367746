// The proof page /drops/{id}/proof in a real Chromium, under the pages' nonce CSP: the draw's three
// endpoints are routed (page.route) to a draw built with lib/draw's own functions, so the page's
// in-browser check (BLS included) runs without a draw server. An honest draw says Verified, a
// tampered one Not verified with what differs, an open one waits and then verifies; a drop that is
// not a draw and a drop that does not exist each say so.
import { expect, test, type Page, type Route } from "@playwright/test";
import type { PublishedDraw } from "@/lib/schemas/draw";
import { RECORDED_ENDS_AT, fixtureEntryIds, publishedDraw, recorded } from "../fixtures/published-draw";
import { seriousViolations } from "./axe";
import { createDrop } from "./helpers";

declare global {
  interface Window {
    __csp?: string[];
  }
}

const UNITS = 3;
const PAGE = 10;
const ENTRIES = fixtureEntryIds(25);
const honest = publishedDraw({ entryIds: ENTRIES, units: UNITS });

const json = (route: Route, body: unknown, status = 200) =>
  route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });

/** Serves `draw()` (read at each request) and its entries, a page at a time, for drop `id`. */
async function publish(page: Page, id: string, draw: () => PublishedDraw, entryIds = ENTRIES) {
  const sorted = [...entryIds].sort();
  await page.route(`**/api/drops/${id}/draw`, (route) => json(route, draw()));
  await page.route(`**/api/drops/${id}/draw/entries**`, (route) => {
    const from = Number(new URL(route.request().url()).searchParams.get("cursor") ?? "0");
    const next = from + PAGE < sorted.length ? String(from + PAGE) : null;
    return json(route, { entryIds: sorted.slice(from, from + PAGE), nextCursor: next });
  });
  // The drop as the API answers it, closed when the recorded round's draw would have closed.
  await page.route(`**/api/drops/${id}`, (route) =>
    json(route, { drop: { id, totalStock: UNITS, endsAt: RECORDED_ENDS_AT } }),
  );
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

const newDrop = (request: Parameters<typeof createDrop>[0]) =>
  createDrop(request, { name: "Proof drop", startsAt: new Date(Date.now() + 600_000).toISOString() });

test("an honest draw is Verified in the browser, beacon and all, with no CSP violation", async ({
  page,
  request,
}) => {
  const drop = await newDrop(request);
  await publish(page, drop.id, () => honest);
  await page.goto(`/drops/${drop.id}/proof`);
  await expect(page.getByRole("heading", { level: 1, name: "Proof of the draw" })).toBeVisible();
  await expect(page.getByTestId("proof-verdict")).toContainText("Verified", { timeout: 15_000 });
  await expect(page.getByTestId("proof-verdict")).not.toContainText("Not verified");
  await expect(page.getByTestId("winners").getByRole("listitem")).toHaveText(honest.winners!);
  await expect(page.getByRole("link", { name: "read the round from drand" })).toHaveAttribute(
    "href",
    `https://api.drand.sh/${recorded.chainHash}/public/${recorded.round}`,
  );
  await expect(page.getByTestId("verify-command")).toHaveText(
    new RegExp(`^npm run verify-draw -- --url http\\S+ --drop ${drop.id}$`),
  );
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a tampered draw is Not verified, each difference listed", async ({ page, request }) => {
  const drop = await newDrop(request);
  const [first, second, ...rest] = honest.winners!;
  await publish(page, drop.id, () => ({ ...honest, winners: [second!, first!, ...rest] }));
  await page.goto(`/drops/${drop.id}/proof`);
  const verdict = page.getByTestId("proof-verdict");
  await expect(verdict).toContainText("Not verified", { timeout: 15_000 });
  await expect(verdict.getByRole("listitem")).toContainText([
    `winner #1 should be ${first}, is ${second}`,
    `winner #2 should be ${second}, is ${first}`,
  ]);
});

test("an open draw shows its commitment and waits; once drawn, the page verifies it", async ({
  page,
  request,
}) => {
  const drop = await newDrop(request);
  let current: PublishedDraw = { status: "open", commitment: honest.commitment, entryCount: 12 };
  await publish(page, drop.id, () => current);
  await page.goto(`/drops/${drop.id}/proof`);
  await expect(page.getByText("The proof appears here once the draw is made")).toBeVisible();
  await expect(page.getByText(honest.commitment)).toBeVisible();
  current = honest;
  await expect(page.getByTestId("proof-verdict")).toContainText("Verified", { timeout: 15_000 });
});

test("a drop that is not a draw says so; a drop that does not exist is a 404", async ({ page, request }) => {
  const drop = await newDrop(request);
  // Nothing routed: this first-come drop publishes no draw.
  await page.goto(`/drops/${drop.id}/proof`);
  await expect(page.getByTestId("proof-error")).toContainText(`Drop ${drop.id} is not a draw`, {
    timeout: 15_000,
  });
  const missing = await page.goto("/drops/no-such-drop-here/proof");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
});
