import { expect, test } from "@playwright/test";
import { claimInTab, createDrop, payInPage } from "./helpers";

// Issue 21, item 7: "Where is my order?" The header leads to My orders, which lists the tab's holds
// and orders across drops, newest first, each with a link that works.

const live = () => ({
  startsAt: new Date(Date.now() - 1_000).toISOString(),
  botDefence: "off" as const, // the proof of work has its own spec; this one is about the list
});

test("My orders lists the tab's hold and order on two drops, and each link opens the right page", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const heldDrop = await createDrop(request, { name: `Held ${run}`, ...live() });
  const boughtDrop = await createDrop(request, { name: `Bought ${run}`, ...live() });

  // One tab: a hold on the first drop, then a unit of the second checked out.
  await claimInTab(page, heldDrop.id);
  await claimInTab(page, boughtDrop.id);
  const checkout = page.getByTestId("checkout");
  await checkout.getByLabel("Full name").fill("Ada Lovelace");
  await checkout.getByLabel("Email").fill(`ada-${run}@example.com`);
  await checkout.getByLabel("Shipping address").fill("12 St James's Square, London");
  await checkout.getByRole("button", { name: "Check out 1 unit" }).click();
  await payInPage(checkout);
  await expect(page.getByTestId("order-number")).toBeVisible();
  const orderNumber = (await page.getByTestId("order-number").textContent())!;

  // The header leads there, and marks it as the current page.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "My orders" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(nav.getByRole("link", { name: "My orders" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("kept for this browser tab")).toBeVisible();
  const entries = page.getByTestId("my-order");
  await expect(entries).toHaveCount(2);
  // Newest first: the order, then the hold.
  await expect(entries.nth(0)).toHaveAttribute("data-state", "confirmed");
  await expect(entries.nth(0)).toContainText(boughtDrop.name);
  await expect(entries.nth(0)).toContainText(orderNumber);
  await expect(entries.nth(1)).toHaveAttribute("data-state", "held");
  await expect(entries.nth(1)).toContainText(heldDrop.name);

  // The receipt link is the private one: it opens in another browser with no shopper of its own.
  const receipt = entries.nth(0).getByRole("link", { name: `Receipt for order ${orderNumber}` });
  const href = (await receipt.getAttribute("href"))!;
  expect(href).toMatch(/^\/orders\/[\w-]+\?key=[\w-]+$/);
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await other.goto(href);
    await expect(other.getByTestId("order-number")).toHaveText(orderNumber);
    await expect(other.getByTestId("receipt-product")).toHaveText(boughtDrop.name);
  } finally {
    await elsewhere.close();
  }
  await receipt.click();
  await expect(page.getByTestId("receipt-product")).toHaveText(boughtDrop.name);

  // The hold's link is its drop's page, where this tab checks it out.
  await page.goBack();
  await entries
    .nth(1)
    .getByRole("link", { name: `Check out ${heldDrop.name}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/drops/${heldDrop.id}$`));
  await expect(page.getByRole("heading", { name: heldDrop.name })).toBeVisible();
  await expect(page.getByTestId("hold")).toBeVisible();
  await expect(page.getByTestId("checkout")).toBeVisible();
});

test("a tab with no orders says so, links to the drops, and makes no shopper", async ({ page }) => {
  await page.goto("/orders");
  const empty = page.getByTestId("my-orders-empty");
  await expect(empty).toContainText("No orders yet in this tab.");
  expect(await page.evaluate(() => sessionStorage.getItem("droprush.shopper"))).toBeNull();
  await empty.getByRole("link", { name: "See the drops" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Drops" }),
  ).toHaveAttribute("aria-current", "page");
});
