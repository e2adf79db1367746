import { expect, test } from "@playwright/test";
import { claimButton, createDrop } from "./helpers";

// Screenshots of the shopper pages: into docs/screenshots/ with
// `UPDATE_SCREENSHOTS=1 npx playwright test tests/e2e/screenshots.spec.ts`, otherwise into this
// test's output folder, so a plain run leaves the repo clean.
const out = (name: string) =>
  process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : test.info().outputPath(name);

test.use({ viewport: { width: 1280, height: 900 } });

test("screenshots: a live drop page and the home feed", async ({ page, request }) => {
  const drop = await createDrop(request, {
    name: "Aurora Runner — Night Edition",
    description: "A reflective knit runner in a one-time colourway. One pair per shopper.",
    imageUrl: "/drops/aurora-runner.svg",
    priceCents: 18_000,
    totalStock: 25,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  });

  await page.goto(`/drops/${drop.id}`);
  await expect(claimButton(page)).toBeEnabled();
  await expect(page.getByTestId("remaining")).toHaveText("25");
  await expect(page.getByRole("img", { name: drop.name })).toHaveJSProperty("complete", true);
  await page.screenshot({ path: out("drop-live.png"), fullPage: true });

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Drops", exact: true })).toBeVisible();
  await expect(page.locator(`a[href="/drops/${drop.id}"]`)).toBeVisible();
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await page.screenshot({ path: out("home.png"), fullPage: true });
});
