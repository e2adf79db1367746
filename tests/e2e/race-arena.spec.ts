import { expect, test } from "@playwright/test";
import type { AdminClaimsPage } from "@/lib/schemas/drop-admin";
import { E2E_ADMIN_TOKEN } from "./env";
import { admin, getStock } from "./helpers";

// The race arena end to end in Chromium: the browser creates the drop, mints 300 shoppers and fires
// their claims (plus duplicate clicks) at the real API; the page's proof must match the server's.
// The screenshot goes to docs/screenshots/ with UPDATE_SCREENSHOTS=1, otherwise to the output folder.
const out = (name: string) =>
  process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : test.info().outputPath(name);

test.use({ viewport: { width: 1280, height: 900 } });

test("race arena: 20 units, 300 virtual shoppers → exactly 20 winners, 0 oversold, and the API agrees", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);

  // Admin-only: a stranger is sent to sign in, and comes back here.
  await page.goto("/admin/race");
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Frace$/);
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/race$/);
  await expect(
    page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Race arena" }),
  ).toHaveAttribute("href", "/admin/race");

  await page.getByLabel("Stock", { exact: true }).fill("20");
  await page.getByLabel("Virtual shoppers").fill("300");
  await page.getByLabel("Duplicate clicks").fill("60");
  await page.getByLabel("Max per shopper").fill("1");
  await page.getByRole("button", { name: "Start the race" }).click();
  await expect(page.getByRole("button", { name: "Racing…" })).toBeDisabled();

  // The proof, computed from the answers and checked against the server.
  await expect(page.getByTestId("race-proof")).toHaveText("20 units · 20 winners · 0 oversold", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("race-verdict")).toContainText("PASS");
  const checks = page.getByTestId("race-check");
  await expect(checks).toHaveCount(7); // lib/race/verdicts.ts: the six of the race, and no winner told sold out
  for (const check of await checks.all()) await expect(check).toContainText("✓ PASS");
  await expect(page.getByTestId("race-winners")).toHaveText("20");
  await expect(page.getByTestId("race-remaining")).toHaveText("0");
  await expect(page.getByTestId("race-answered")).toHaveText("360");
  await expect(page.getByTestId("race-5xx")).toHaveText("0");
  await expect(page.getByTestId("race-refused-SOLD_OUT")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start the race" })).toBeEnabled();

  // The API agrees: no stock left, 20 claims held by 20 different shoppers.
  const dropId = await page.getByTestId("race-drop-link").getAttribute("data-drop-id");
  expect(dropId).toMatch(/^[0-9a-f]{12}$/);
  expect(await getStock(request, dropId!)).toMatchObject({ remainingStock: 0, totalStock: 20 });
  const res = await request.get(`/api/admin/drops/${dropId}/claims?limit=200`, { headers: admin });
  const { claims } = (await res.json()) as AdminClaimsPage;
  expect(claims).toHaveLength(20);
  expect(new Set(claims.map((c) => c.shopperId)).size).toBe(20);

  await page.screenshot({ path: out("race-arena.png"), fullPage: true });

  // The arena deletes its own drop (a rehearsal), claims and all, after an in-page confirmation.
  await page.getByTestId("race-delete").click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("race-deleted")).toBeVisible();
  expect((await request.get(`/api/admin/drops/${dropId}`, { headers: admin })).status()).toBe(404);
});
