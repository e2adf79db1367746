// Every page a shopper or an admin meets, at a desktop and a phone width: an accessibility scan
// (axe) with no serious or critical violation, and no horizontal scrolling.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "./env";
import { claimButton, createDrop, warmUp } from "./helpers";

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

async function expectUsable(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `${what}: serious or critical accessibility violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

for (const size of widths) {
  test.describe(`at ${size.width} px (${size.name})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the shopper's pages: feed, drop, a win, the receipt", async ({ page, request }) => {
      test.setTimeout(90_000);
      await warmUp(request);
      const drop = await createDrop(request, {
        name: `A11y drop ${size.name}`,
        imageUrl: "/drops/aurora-runner.svg",
        startsAt: new Date(Date.now() - 1_000).toISOString(),
      });
      await page.goto("/");
      await expect(page.getByRole("heading").first()).toBeVisible();
      await expectUsable(page, "the feed");

      await page.goto(`/drops/${drop.id}`);
      await expect(claimButton(page)).toBeEnabled({ timeout: 15_000 });
      await expectUsable(page, "a live drop");
      await claimButton(page).click();
      await expect(page.getByTestId("hold")).toBeVisible();
      await expectUsable(page, "the drop after a win");

      const hold = page.getByTestId("hold");
      await hold.getByLabel("Full name").fill("Ada Lovelace");
      await hold.getByLabel("Email").fill("ada@example.com");
      await hold.getByLabel("Shipping address").fill("12 St James's Square, London");
      await hold.getByRole("button", { name: "Check out" }).click();
      await expect(page.getByTestId("receipt")).toBeVisible();
      await expectUsable(page, "the receipt");
    });

    test("the admin's pages: sign-in, dashboard, a drop, the race arena", async ({ page, request }) => {
      test.setTimeout(90_000);
      const drop = await createDrop(request, {
        name: `A11y admin ${size.name}`,
        startsAt: new Date(Date.now() - 1_000).toISOString(),
      });
      await page.goto("/admin/login");
      await expectUsable(page, "sign-in");
      await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/admin$/);
      await expectUsable(page, "the dashboard");
      await page.goto(`/admin/drops/${drop.id}`);
      await expect(page.getByTestId("metric-remaining")).toBeVisible();
      await expectUsable(page, "a drop's live view");
      await page.goto("/admin/drops/new");
      await expectUsable(page, "the new drop form");
      await page.goto("/admin/race");
      await expectUsable(page, "the race arena");
    });
  });
}
