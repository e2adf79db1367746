import { expect, test } from "@playwright/test";
import { claimButton, createDrop, theButton } from "./helpers";

// A newcomer's first minutes: the Claim button in reach on a phone, a way back from a page that is
// not there, a favicon, and a feed that uses a wide screen's width.

// First, while a fresh server holds only the seeded drops: one card in each section.
test("the feed at 1280 px: cards share a row, not one card per row", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  const cards = page.locator('main a[href^="/drops/"]');
  await expect(cards.nth(1)).toBeVisible();
  const tops = await cards.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(tops).size, `card tops: ${tops.join(", ")}`).toBeLessThan(tops.length);
});

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a live drop's Claim button is in the first screen, before any scrolling", async ({
    page,
    request,
  }) => {
    const drop = await createDrop(request, {
      name: "Phone drop with a name long enough to take two lines",
      description: "A description of a few lines, as a real product has. ".repeat(4),
      imageUrl: "/drops/aurora-runner.svg",
      startsAt: new Date(Date.now() - 1_000).toISOString(),
    });
    // A drop made by the test, and the seeded live demo (scripts/seed.ts).
    for (const path of [`/drops/${drop.id}`, "/drops/aurora-runner"]) {
      await page.goto(path);
      await expect(claimButton(page)).toBeVisible({ timeout: 15_000 });
      expect(await page.evaluate(() => window.scrollY), path).toBe(0);
      const box = await theButton(page).boundingBox();
      expect(box, path).not.toBeNull();
      expect(box!.y + box!.height, `${path}: the button's bottom`).toBeLessThanOrEqual(844);
      await expect(page.getByTestId("remaining")).toBeInViewport();
    }
  });
});

test("an unknown drop: a 404 page whose link leads back to the feed", async ({ page }) => {
  for (const path of ["/drops/does-not-exist", "/drops/NOT_AN_ID"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nothing here");
  }
  await page.getByRole("link", { name: "Back to the drops" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Drops" })).toBeVisible();
});

test("a page address that cannot be decoded: 400, a page with the way back, never a 500", async ({
  request,
}) => {
  for (const path of ["/drops/%E0%A4%A", "/orders/%", "/drops/%zz"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"], path).toMatch(/^text\/html/);
    expect(await res.text(), path).toContain('<a href="/">Back to the drops</a>');
  }
});

test("the favicon: the page's icon link and /favicon.ico answer 200", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  for (const path of [href!, "/favicon.ico"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(/^image\//);
  }
});
