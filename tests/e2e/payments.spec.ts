import { expect, test, type Page } from "@playwright/test";
import { claimInTab, createDrop, payInPage, shopperClaims, tabShopper, untilServerTime } from "./helpers";

// Checkout with the local provider (the e2e server's default, PAYMENTS=local): Stripe's test cards
// with their documented outcomes, each change through the signed webhook, the order written when
// the payment succeeds. One shopper (one tab) per test.

async function checkOut(page: Page) {
  const checkout = page.getByTestId("checkout");
  await checkout.getByLabel("Full name").fill("Ada Buyer");
  await checkout
    .getByLabel("Email")
    .fill(`ada-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`);
  await checkout.getByLabel("Shipping address").fill("1 Drop Street, Springfield");
  await checkout.getByRole("button", { name: "Check out 1 unit", exact: true }).click();
  await expect(checkout.getByRole("button", { name: "Pay $42.00" })).toBeVisible();
  return checkout;
}

async function expectPaidReceipt(page: Page) {
  await expect(page).toHaveURL(/\/orders\/[\w-]+\?key=[\w-]+$/, { timeout: 15_000 });
  await expect(page.getByTestId("order-number")).toHaveText(/^DR-/);
  await expect(page.getByTestId("receipt-payment")).toHaveText(
    "Payment Paid · card ending 4242 · test payment, no money moved",
  );
}

test("a test card that pays: the order and its receipt, with the card's last four digits", async ({
  page,
  request,
}) => {
  const drop = await createDrop(request, { startsAt: new Date(Date.now() - 60_000).toISOString() });
  await claimInTab(page, drop.id);
  const checkout = await checkOut(page);
  await payInPage(checkout);
  await expectPaidReceipt(page);
});

test("a declined card says why and keeps the hold; another card then buys it", async ({ page, request }) => {
  const drop = await createDrop(request, { startsAt: new Date(Date.now() - 60_000).toISOString() });
  await claimInTab(page, drop.id);
  const checkout = await checkOut(page);
  await payInPage(checkout, "4000 0000 0000 0002");
  await expect(checkout.getByRole("status")).toHaveText("Your card was declined. Try another card.");
  await expect(page.getByTestId("hold")).toBeVisible();
  await payInPage(checkout, "4000 0000 0000 9995");
  await expect(checkout.getByRole("status")).toHaveText(
    "Your card was declined: not enough funds. Try another card.",
  );
  await payInPage(checkout);
  await expectPaidReceipt(page);
});

test("a card that asks the bank: the authentication step, approved, buys the unit", async ({
  page,
  request,
}) => {
  const drop = await createDrop(request, { startsAt: new Date(Date.now() - 60_000).toISOString() });
  await claimInTab(page, drop.id);
  const checkout = await checkOut(page);
  await payInPage(checkout, "4000 0025 0000 3155");
  const bank = checkout.getByRole("region", { name: "Your bank: approve $42.00?" });
  await expect(bank).toBeVisible();
  await bank.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/orders\/[\w-]+\?key=[\w-]+$/, { timeout: 15_000 });
  await expect(page.getByTestId("receipt-payment")).toContainText("Paid · card ending 3155");
});

test("a payment approved after its hold ran out is refunded, and the shopper is told", async ({
  page,
  request,
}) => {
  test.slow(); // the hold (10 s), its one extension (10 s more), then the approval
  const drop = await createDrop(request, {
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    holdSeconds: 10,
  });
  await claimInTab(page, drop.id);
  const checkout = await checkOut(page);
  await payInPage(checkout, "4000 0025 0000 3155");
  const bank = checkout.getByRole("region", { name: "Your bank: approve $42.00?" });
  await expect(bank).toBeVisible();
  // The authentication step extended the hold once, to 20 s in all; the shopper is slower still:
  // approves only once the server's clock is past the extended deadline.
  const { token } = await tabShopper(page);
  let deadline = 0;
  await expect
    .poll(
      async () => {
        const [held] = await shopperClaims(request, drop.id, token);
        deadline = Date.parse(held!.holdExpiresAt);
        return deadline - Date.parse(held!.createdAt);
      },
      { message: "the hold was extended" },
    )
    .toBeGreaterThan(15_000);
  await untilServerTime(request, drop.id, deadline + 1_000, 25_000);
  await bank.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("checkout-failed")).toContainText(
    "Your hold ended before the payment went through, so the payment was refunded: you were not charged.",
    { timeout: 15_000 },
  );
  await expect(page).toHaveURL(new RegExp(`/drops/${drop.id}$`));
});
