import { expect, test } from "@playwright/test";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { E2E_ADMIN_TOKEN } from "./env";
import { admin, createDrop, getStock, payByApi } from "./helpers";

// An admin refunds a paid order from the dashboard (the e2e server takes payment with the local
// provider): the Refund button of its row, the confirm dialog with "put the unit back on sale", and
// then the shopper's receipt says Refunded and the unit is on sale again.

test("an admin refunds an order from the dashboard; the receipt says Refunded", async ({ page, request }) => {
  const drop = await createDrop(request, {
    name: `E2E refund ${Date.now()}`,
    botDefence: "off", // bought by an admin-minted shopper over the API
    totalStock: 3,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  });

  // A shopper buys one unit over the API and pays with Stripe's 4242 test card.
  const shopper = (await (
    await request.post("/api/shoppers", { data: {}, headers: admin })
  ).json()) as Shopper;
  const auth = { Authorization: `Bearer ${shopper.token}` };
  const held = await request.post(`/api/drops/${drop.id}/claims`, { headers: auth, data: {} });
  expect(held.status()).toBe(201);
  const claimId = ((await held.json()) as { claim: Claim }).claim.id;
  const confirmed = await request.post(`/api/claims/${claimId}/confirm`, {
    headers: auth,
    data: {
      name: "Ada Buyer",
      email: `refund-${claimId.slice(0, 8)}@example.com`,
      shippingAddress: "1 Drop St",
    },
  });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  const { orderUrl } = (await confirmed.json()) as { orderUrl: string };
  await payByApi(request, confirmed);
  const order = async () =>
    ((await (await request.get(`/api/claims/${claimId}`, { headers: auth })).json()) as { claim: Claim })
      .claim;
  await expect.poll(async () => (await order()).status, { timeout: 15_000 }).toBe("confirmed");
  const { orderNumber } = await order();
  expect((await getStock(request, drop.id)).remainingStock).toBe(2);

  // The admin signs in and opens the drop.
  await page.goto(`/admin/login?next=${encodeURIComponent(`/admin/drops/${drop.id}`)}`);
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/drops/${drop.id}$`));

  // Refund, with the unit back on sale.
  await page.getByRole("button", { name: `Refund order ${orderNumber}` }).click();
  const dialog = page.getByRole("dialog", { name: `Refund order ${orderNumber}?` });
  await expect(dialog).toContainText("gets $42.00 back in full");
  await dialog.getByLabel("Put the unit back on sale").check();
  await dialog.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("refunded")).toHaveText("refunded · unit back on sale");
  await expect(page.getByRole("button", { name: `Refund order ${orderNumber}` })).toHaveCount(0);
  await expect(page.getByTestId("metric-refunds")).toHaveText("1", { timeout: 10_000 }); // the live money lags ≤ 5 s
  expect((await getStock(request, drop.id)).remainingStock).toBe(3);

  // The shopper's private receipt link says so.
  await page.goto(orderUrl);
  await expect(page.getByTestId("receipt-payment")).toHaveText(
    "Payment Refunded · card ending 4242 · test payment, no money moved",
  );
});
