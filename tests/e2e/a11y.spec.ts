// The shopper's and the admin's whole flows, at a desktop and a phone width: every page they meet
// gets an accessibility scan (axe) with no serious or critical violation, none scrolls sideways,
// and none breaks its Content-Security-Policy (lib/security/headers.ts).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { Claim } from "@/lib/schemas/claim";
import { E2E_ADMIN_TOKEN } from "./env";
import {
  claimButton,
  createDrop,
  getStock,
  mailedInvitePath,
  payInPage,
  shopperClaims,
  tabShopper,
  warmUp,
} from "./helpers";

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

declare global {
  interface Window {
    __csp?: string[];
  }
}

/** Records the page's CSP violations from its first script on (read by expectUsable). */
const watchCsp = (target: Page | BrowserContext) =>
  target.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });

async function expectUsable(page: Page, what: string) {
  // Checked once settled: a client navigation or refresh puts the new page's <title> in after its body.
  await expect(page, `${what}: a title`).toHaveTitle(/\S/);
  expect(await page.evaluate(() => window.__csp), `${what}: CSP violations`).toEqual([]);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `${what}: serious or critical accessibility violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

for (const size of widths) {
  const viewport = { width: size.width, height: size.height };
  const phone = size.name === "phone";

  test.describe(`at ${size.width} px (${size.name})`, () => {
    test.use({ viewport });
    test.beforeEach(({ page }) => watchCsp(page));

    test("shopper: feed → countdown → two claims → one checkout → the receipt by its private link", async ({
      page,
      request,
      browser,
    }) => {
      test.setTimeout(90_000);
      await warmUp(request);
      const live = await createDrop(request, {
        name: `Flow live ${size.name}`,
        startsAt: new Date(Date.now() - 1_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      });
      // Scanned while it counts down (its flip to live is countdown.spec.ts's): nothing waits for it.
      const soon = await createDrop(request, {
        name: `Flow soon ${size.name}`,
        startsAt: new Date(Date.now() + 50_000).toISOString(),
      });
      const drop = await createDrop(request, {
        name: `Flow drop ${size.name} ${Date.now()}`,
        imageUrl: "/drops/aurora-runner.svg",
        totalStock: 3,
        maxPerShopper: 2,
        startsAt: new Date(Date.now() - 1_000).toISOString(),
      });

      // The feed: a drop under "Coming up" with its countdown; a live card says when it ends.
      await page.goto("/");
      const card = page.getByTestId("feed-upcoming").locator(`a[href="/drops/${soon.id}"]`);
      await expect(card.getByTestId("countdown")).toHaveText(/^00:\d\d$/);
      const liveCard = page.getByTestId("feed-live").locator(`a[href="/drops/${live.id}"]`);
      await expect(liveCard.getByTestId("relative-time")).toHaveText(/^in 1 h 5\d min$/);
      await expectUsable(page, "the feed");

      // A drop page counting down; then a live one, from the feed.
      await card.click();
      await expect(page).toHaveURL(new RegExp(`/drops/${soon.id}$`));
      await expect(page.getByTestId("countdown")).toBeVisible();
      await expectUsable(page, "a drop counting down");
      await page.goto("/");
      await page.getByTestId("feed-live").locator(`a[href="/drops/${drop.id}"]`).click();
      await expect(page).toHaveURL(new RegExp(`/drops/${drop.id}$`));
      await expect(claimButton(page)).toBeEnabled();
      await expect(page.getByTestId("relative-time")).toHaveText(/^in \d+ min$/);

      // Two claims (the limit is 2): two holds, each with its own countdown and release, one checkout.
      await claimButton(page).click();
      await expect(page.getByTestId("hold")).toHaveCount(1);
      await claimButton(page).click();
      await expect(page.getByTestId("hold")).toHaveCount(2);
      await expect(page.getByTestId("hold-countdown")).toHaveCount(2);
      await expect(page.getByRole("button", { name: "Release this unit" })).toHaveCount(2);
      await expect(page.getByTestId("claim-limit")).toHaveText("You hold 2 of 2, the limit per shopper.");
      const checkout = page.getByTestId("checkout");
      await expect(checkout).toHaveCount(1);
      await expectUsable(page, "the drop with two holds");

      const { token } = await tabShopper(page);
      const holds = await shopperClaims(request, drop.id, token);
      expect(holds.map((c) => c.status)).toEqual(["held", "held"]);
      // On the phone, one hold ends meanwhile (given back from elsewhere, as an expiry would end it):
      // the other still becomes an order, and the page says which one failed, in the server's words.
      const ended: Claim | undefined = phone ? holds[0] : undefined;
      if (ended) {
        const res = await request.post(`/api/claims/${ended.id}/release`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(res.status()).toBe(200);
      }

      await checkout.getByLabel("Full name").fill("Ada Lovelace");
      await checkout.getByLabel("Email").fill("ada@example.com");
      await checkout.getByLabel("Shipping address").fill("12 St James's Square, London");
      await checkout.getByRole("button", { name: "Check out 2 units" }).click();
      await expectUsable(page, "the card step");
      await payInPage(checkout);

      const result = page.getByTestId("checkout-result");
      const orders = result.getByTestId("checkout-order");
      if (ended) {
        await expect(result.getByRole("heading")).toHaveText("1 of 2 units checked out");
        await expect(orders).toHaveCount(1);
        await expect(result.getByTestId("checkout-failed")).toHaveText(
          `Unit ${ended.id.slice(0, 8)} was not checked out: You released this hold; the unit went back to stock.`,
        );
      } else {
        await expect(result.getByRole("heading")).toHaveText("2 orders confirmed");
        await expect(orders).toHaveCount(2);
      }
      await expect(page.getByTestId("hold")).toHaveCount(0);
      await expect(checkout).toHaveCount(0);
      await expectUsable(page, "the drop after checkout");

      // The server agrees: one order per hold that was still held, each with its own number.
      const after = await shopperClaims(request, drop.id, token);
      const confirmed = after.filter((c) => c.status === "confirmed");
      expect(confirmed).toHaveLength(ended ? 1 : 2);
      expect(new Set(confirmed.map((c) => c.orderNumber)).size).toBe(confirmed.length);
      if (ended) expect(after.find((c) => c.id === ended.id)?.status).toBe("released");
      expect((await getStock(request, drop.id)).remainingStock).toBe(ended ? 2 : 1);

      // Each order's private link opens its receipt in another browser, with no shopper of its own.
      const elsewhere = await browser.newContext({ viewport });
      await watchCsp(elsewhere);
      try {
        const other = await elsewhere.newPage();
        for (const [i, c] of confirmed.entries()) {
          const link = orders.filter({ hasText: c.orderNumber! }).getByRole("link");
          await expect(link).toHaveAttribute("href", new RegExp(`^/orders/${c.id}\\?key=[\\w-]+$`));
          await other.goto((await link.getAttribute("href"))!);
          await expect(other.getByTestId("order-number")).toHaveText(c.orderNumber!);
          await expect(other.getByTestId("receipt-product")).toHaveText(drop.name);
          await expect(other.getByTestId("receipt-ship-to")).toContainText("12 St James's Square");
          if (i === 0) await expectUsable(other, "the receipt at its private link");
        }
      } finally {
        await elsewhere.close();
      }

      // My orders, from the header: this tab's two claims, the orders with their receipt links.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
      await expect(page.getByTestId("my-order")).toHaveCount(2);
      await expect(page.getByRole("link", { name: /^Receipt for order / })).toHaveCount(confirmed.length);
      await expectUsable(page, "My orders");
    });

    test("brands: operator's brands → invite page → member's dashboard → members → API tokens", async ({
      page,
    }) => {
      test.setTimeout(90_000);
      const run = `${size.name}-${Date.now().toString(36)}`;
      await page.goto("/admin/login");
      await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/admin$/);
      await page.goto("/admin/brands");
      await expectUsable(page, "the brands page");
      await page.getByLabel("Brand name").fill(`Scan ${run}`);
      await page.getByRole("button", { name: "Create brand" }).click();
      const created = page.getByTestId("brand-created");
      // The list has refreshed (the page is whole again, title included) before the next scan.
      await expect(page.getByTestId(`brand-row-scan-${run}`)).toBeVisible();
      await created.getByLabel("Email").fill(`owner-${run}@scan.example`);
      await created.getByRole("button", { name: "Invite the owner" }).click();
      await expect(created.getByTestId("invite-sent")).toBeVisible();
      await expectUsable(page, "a new brand's invite, mailed");
      const invitePath = await mailedInvitePath(`owner-${run}@scan.example`);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/admin\/login$/);

      // The invitee's pages, in the same tab now signed out.
      await page.goto(invitePath);
      await expectUsable(page, "the invite page");
      await page.getByLabel("Your name").fill("Scan Owner");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Join and sign in" }).click();
      await expectUsable(page, "the invite page with a field error");
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: "Join and sign in" }).click();
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByTestId("activity-event").first()).toBeVisible();
      await expectUsable(page, "a member's dashboard with its activity");

      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Members" }).click();
      await expect(page.getByRole("heading", { name: `Scan ${run}: members` })).toBeVisible();
      await page.getByLabel("Email").fill(`viewer-${run}@scan.example`);
      await page.getByLabel("Role").selectOption("viewer");
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      await expect(page.getByTestId("invite-sent")).toBeVisible();
      await expect(page.getByTestId("invite-row")).toHaveCount(1);
      await expectUsable(page, "the members page with a pending invite");
      await page
        .getByRole("button", { name: /^Remove/ })
        .first()
        .click();
      await expectUsable(page, "the remove-member dialog");
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API tokens" }).click();
      await page.getByLabel("Token name").fill("launch script");
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByTestId("api-token-secret")).toHaveValue(/^drb_[a-f0-9]{16}_/);
      await expect(page.getByTestId("api-token-row")).toHaveCount(1);
      await expectUsable(page, "the API tokens page with a new token");
      await page.getByRole("button", { name: /^Revoke/ }).click();
      const revoke = page.getByRole("dialog", { name: "Revoke this token?" });
      await expectUsable(page, "the revoke dialog");
      await revoke.getByRole("button", { name: "Revoke" }).click();
      await expect(page.getByTestId("api-token-row")).toContainText("Revoked");
    });

    test("admin: sign in → create → live view → restock → race arena", async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto("/admin/login");
      await expectUsable(page, "sign-in");
      await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/admin$/);
      await expectUsable(page, "the dashboard");

      // Create a drop that starts now.
      await page.getByRole("link", { name: "New drop" }).first().click();
      await expect(page).toHaveURL(/\/admin\/drops\/new$/);
      await expectUsable(page, "the new drop form");
      const name = `Flow admin ${size.name} ${Date.now()}`;
      await page.getByLabel("Name").fill(name);
      await page.getByLabel("Price").fill("49.00");
      await page.getByLabel("Total stock").fill("5");
      await page.getByRole("button", { name: "Start now" }).click();
      await page.getByRole("button", { name: "Start drop now" }).click();
      await page.waitForURL(/\/admin\/drops\/[0-9a-f]{12}$/);

      // Its live view, then a restock confirmed in the page's own dialog.
      await expect(page.getByRole("heading", { name })).toBeVisible();
      await expect(page.getByTestId("metric-remaining")).toHaveText("5");
      await expectUsable(page, "a drop's live view");
      await page.getByLabel("Units to add").fill("3");
      await page.getByRole("button", { name: "Restock" }).click();
      const dialog = page.getByRole("dialog", { name: "Change the stock?" });
      await expect(dialog).toContainText("5 → 8 remaining, 5 → 8 in total");
      await expectUsable(page, "the restock dialog");
      await dialog.getByRole("button", { name: "Restock" }).click();
      await expect(page.getByTestId("action-answer")).toContainText("Restocked. 8 of 8 left.");
      await expect(page.getByTestId("metric-remaining")).toHaveText("8");

      // The race arena: a small race, its proof, and a histogram whose labels are whole.
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Race arena" }).click();
      await expect(page).toHaveURL(/\/admin\/race$/);
      await expectUsable(page, "the race arena");
      await page.getByLabel("Stock", { exact: true }).fill("5");
      await page.getByLabel("Virtual shoppers").fill("20");
      await page.getByLabel("Duplicate clicks").fill("0");
      await page.getByRole("button", { name: "Start the race" }).click();
      await expect(page.getByTestId("race-proof")).toHaveText("5 units · 5 winners · 0 oversold", {
        timeout: 60_000,
      });
      await expectUsable(page, "the race arena after a race");
      const labels = await page
        .getByTestId("latency-labels")
        .locator("li")
        .evaluateAll((items) =>
          items.map((li) => {
            const text = li.querySelector("span")!;
            const [box, slot] = [text.getBoundingClientRect(), li.getBoundingClientRect()];
            return { text: text.textContent, box, slot: { left: slot.left, right: slot.right } };
          }),
        );
      expect(labels.length).toBeGreaterThan(5);
      for (const [i, l] of labels.entries()) {
        // Whole: within its own column (so it neither runs into the next label nor off the figure).
        expect(l.box.left, `label ${l.text}`).toBeGreaterThanOrEqual(l.slot.left - 0.5);
        expect(l.box.right, `label ${l.text}`).toBeLessThanOrEqual(l.slot.right + 0.5);
        if (i > 0) expect(l.box.left, `label ${l.text}`).toBeGreaterThanOrEqual(labels[i - 1]!.box.right);
      }
    });
  });
}
