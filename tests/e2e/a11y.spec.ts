// The shopper's and the admin's whole flows: every page they meet, at a desktop and a phone width,
// gets an accessibility scan (axe) with no serious or critical violation, none scrolls sideways,
// and none breaks its Content-Security-Policy (lib/security/headers.ts). Each flow is walked once
// (the shopper's on a phone, the admins' on a desktop: admin-phone.spec.ts walks theirs on a phone)
// and each page is scanned at both widths where it stands.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { Claim } from "@/lib/schemas/claim";
import { seriousViolations } from "./axe";
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

const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

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

/** Scans `page` as it stands at each width, then puts its own width back. */
async function expectUsable(page: Page, what: string) {
  const own = page.viewportSize()!;
  for (const size of [own, own.width === phone.width ? desktop : phone]) {
    await page.setViewportSize(size);
    await expectUsableAt(page, `${what} at ${size.width} px`);
  }
  await page.setViewportSize(own);
}

async function expectUsableAt(page: Page, what: string) {
  // Checked once settled: a client navigation or refresh puts the new page's <title> in after its body.
  await expect(page, `${what}: a title`).toHaveTitle(/\S/);
  expect(await page.evaluate(() => window.__csp), `${what}: CSP violations`).toEqual([]);
  expect(await seriousViolations(page), `${what}: serious or critical accessibility violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what}: scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

// The scan itself: a page with a serious violation in it does not pass (a scan that never ran would).
test("the scan finds an unnamed button and an image without alt text", async ({ page }) => {
  await page.setContent(
    '<html lang="en"><title>Scan</title><main><h1>Scan</h1><button></button><img src="/favicon.ico"></main></html>',
  );
  expect(await seriousViolations(page)).toEqual([
    "button-name (critical): button",
    "image-alt (critical): img",
  ]);
});

test.beforeEach(({ page }) => watchCsp(page));

test.describe("on a phone", () => {
  test.use({ viewport: phone });

  test("shopper: feed → countdown → three claims → one checkout, one unit ended → the receipts by their private links", async ({
    page,
    request,
    browser,
  }) => {
    test.setTimeout(90_000);
    await warmUp(request);
    const live = await createDrop(request, {
      name: "Flow live",
      startsAt: new Date(Date.now() - 1_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    });
    // Scanned while it counts down (its flip to live is countdown.spec.ts's): nothing waits for it.
    const soon = await createDrop(request, {
      name: "Flow soon",
      startsAt: new Date(Date.now() + 50_000).toISOString(),
    });
    const drop = await createDrop(request, {
      name: `Flow drop ${Date.now()}`,
      imageUrl: "/drops/aurora-runner.svg",
      totalStock: 4,
      maxPerShopper: 3,
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

    // Three claims (the limit is 3): three holds, each with its own countdown and release, one checkout.
    for (const n of [1, 2, 3]) {
      await claimButton(page).click();
      await expect(page.getByTestId("hold")).toHaveCount(n);
    }
    await expect(page.getByTestId("hold-countdown")).toHaveCount(3);
    await expect(page.getByRole("button", { name: "Release this unit" })).toHaveCount(3);
    await expect(page.getByTestId("claim-limit")).toHaveText("You hold 3 of 3, the limit per shopper.");
    const checkout = page.getByTestId("checkout");
    await expect(checkout).toHaveCount(1);
    await expectUsable(page, "the drop with three holds");

    const { token } = await tabShopper(page);
    const holds = await shopperClaims(request, drop.id, token);
    expect(holds.map((c) => c.status)).toEqual(["held", "held", "held"]);
    // One hold ends meanwhile (given back from elsewhere, as an expiry would end it): the other two
    // still become orders, and the page says which one failed, in the server's words.
    const ended: Claim = holds[0]!;
    const res = await request.post(`/api/claims/${ended.id}/release`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);

    await checkout.getByLabel("Full name").fill("Ada Lovelace");
    await checkout.getByLabel("Email").fill("ada@example.com");
    await checkout.getByLabel("Shipping address").fill("12 St James's Square, London");
    await checkout.getByRole("button", { name: "Check out 3 units" }).click();
    await expect(checkout.getByLabel("Card number")).toBeVisible();
    await expectUsable(page, "the card step");
    await payInPage(checkout);

    const result = page.getByTestId("checkout-result");
    const orders = result.getByTestId("checkout-order");
    await expect(result.getByRole("heading")).toHaveText("2 of 3 units checked out");
    await expect(orders).toHaveCount(2);
    await expect(result.getByTestId("checkout-failed")).toHaveText(
      `Unit ${ended.id.slice(0, 8)} was not checked out: You released this hold; the unit went back to stock.`,
    );
    await expect(page.getByTestId("hold")).toHaveCount(0);
    await expect(checkout).toHaveCount(0);
    await expectUsable(page, "the drop after checkout");

    // The server agrees: one order per hold that was still held, each with its own number.
    const after = await shopperClaims(request, drop.id, token);
    const confirmed = after.filter((c) => c.status === "confirmed");
    expect(confirmed).toHaveLength(2);
    expect(new Set(confirmed.map((c) => c.orderNumber)).size).toBe(2);
    expect(after.find((c) => c.id === ended.id)?.status).toBe("released");
    expect((await getStock(request, drop.id)).remainingStock).toBe(2);

    // Each order's private link opens its receipt in another browser, with no shopper of its own.
    const elsewhere = await browser.newContext({ viewport: phone });
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

    // My orders, from the header: this tab's three claims, the orders with their receipt links.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My orders" }).click();
    await expect(page.getByTestId("my-order")).toHaveCount(3);
    await expect(page.getByRole("link", { name: /^Receipt for order / })).toHaveCount(2);
    await expectUsable(page, "My orders");
  });
});

test.describe("on a desktop", () => {
  test.use({ viewport: desktop });

  test("brands: operator's brands → invite page → member's dashboard → members → API tokens", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const run = Date.now().toString(36);
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
    await expect(page.getByText("At least 12 characters", { exact: true })).toBeVisible();
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
    await expect(page.getByRole("dialog")).toBeVisible();
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
    await expect(revoke).toBeVisible();
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
    const name = `Flow admin ${Date.now()}`;
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
    // The histogram's labels are whole at both widths (the phone's columns are the narrow ones).
    for (const size of [desktop, phone]) {
      await page.setViewportSize(size);
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
        const what = `label ${l.text} at ${size.width} px`;
        // Whole: within its own column (so it neither runs into the next label nor off the figure).
        expect(l.box.left, what).toBeGreaterThanOrEqual(l.slot.left - 0.5);
        expect(l.box.right, what).toBeLessThanOrEqual(l.slot.right + 0.5);
        if (i > 0) expect(l.box.left, what).toBeGreaterThanOrEqual(labels[i - 1]!.box.right);
      }
    }
  });
});
