import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "./env";
import { claimButton, createDrop, payInPage } from "./helpers";

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

  await page.goto("/drops/no-such-drop");
  await expect(page.getByRole("link", { name: "Back to the drops" })).toBeVisible();
  await page.screenshot({ path: out("not-found.png") });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("screenshots: a win, its receipt, and the race arena", async ({ page }) => {
    test.setTimeout(120_000);
    const drop = await createDrop(page.request, {
      name: "Aurora Runner — Night Edition",
      description: "A reflective knit runner in a one-time colourway. One pair per shopper.",
      imageUrl: "/drops/aurora-runner.svg",
      priceCents: 18_000,
      totalStock: 25,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await page.goto(`/drops/${drop.id}`);
    await claimButton(page).click();
    const hold = page.getByTestId("hold");
    await expect(hold).toBeVisible();
    await expect(page.getByTestId("claim-limit")).toBeVisible();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: out("phone-drop-won.png"), fullPage: true });

    const checkout = page.getByTestId("checkout");
    await checkout.getByLabel("Full name").fill("Ada Lovelace");
    await checkout.getByLabel("Email").fill("ada@example.com");
    await checkout.getByLabel("Shipping address").fill("12 St James's Square\nLondon SW1Y 4JH");
    await checkout.getByRole("button", { name: "Check out" }).click();
    await payInPage(checkout);
    await expect(page.getByTestId("receipt")).toBeVisible();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: out("phone-receipt.png"), fullPage: true });

    // A second drop held, not bought: My orders shows both, on a phone and on a desktop.
    const second = await createDrop(page.request, {
      name: "Midnight Hoodie",
      description: "Heavyweight hoodie, embroidered, numbered.",
      imageUrl: "/drops/midnight-hoodie.svg",
      priceCents: 12_000,
      totalStock: 50,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await page.goto(`/drops/${second.id}`);
    // The first screen of a live drop on a phone: the claim area above the image.
    await expect(claimButton(page)).toBeEnabled();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: out("phone-drop-live.png") });
    await claimButton(page).click();
    await expect(page.getByTestId("hold")).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await expect(page.getByTestId("my-order")).toHaveCount(2);
    await page.screenshot({ path: out("phone-my-orders.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: out("my-orders.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });

    await page.goto("/");
    await expect(page.locator(`a[href="/drops/${drop.id}"]`).first()).toBeVisible();
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    await page.screenshot({ path: out("phone-feed.png"), fullPage: true });

    await page.goto("/admin/login");
    await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/admin/race");
    await page.getByRole("button", { name: "Start the race" }).click();
    await expect(page.getByTestId("race-verdict")).toContainText("PASS", { timeout: 60_000 });
    // A phone shows the whole arena, histogram and proof included, without scrolling sideways.
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80))
        .slice(0, 5),
    );
    expect(wider).toEqual([]);
    await page.screenshot({ path: out("phone-race-arena.png"), fullPage: true });
  });
});
