import { expect, test } from "@playwright/test";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { brandInvite, claimInTab, createDrop } from "./helpers";

// Issue 21, item 5: errors in the right place. A refusal that concerns a field is said at that
// field, once; an invite that can no longer be used says so when its page opens.

const run = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

test("a checkout email the server refuses is announced at the email field", async ({ page, request }) => {
  const id = run();
  const email = `taken-${id}@example.com`;
  const drop = await createDrop(request, {
    name: `One per email ${id}`,
    startsAt: new Date(Date.now() - 1_000).toISOString(),
    botDefence: "off",
  });
  // Another shopper (through the API) has already ordered from this drop with that email.
  const other = (await (await request.post("/api/shoppers", { data: {} })).json()) as Shopper;
  const auth = { Authorization: `Bearer ${other.token}` };
  const claimed = await request.post(`/api/drops/${drop.id}/claims`, { headers: auth });
  expect(claimed.status()).toBe(201);
  const { claim } = (await claimed.json()) as { claim: Claim };
  const bought = await request.post(`/api/claims/${claim.id}/confirm`, {
    headers: auth,
    data: { name: "First Buyer", email, shippingAddress: "1 First Street, Springfield" },
  });
  expect(bought.status()).toBe(200);

  await claimInTab(page, drop.id);
  const checkout = page.getByTestId("checkout");
  await checkout.getByLabel("Full name").fill("Second Buyer");
  await checkout.getByLabel("Email").fill(email);
  await checkout.getByLabel("Shipping address").fill("2 Second Street, Springfield");
  await checkout.getByRole("button", { name: "Check out 1 unit" }).click();

  const field = checkout.getByLabel("Email");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toBeFocused();
  const describedBy = (await field.getAttribute("aria-describedby"))!;
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(
    "This email already has an order for this drop",
  );
  // Said once, at the field: not again under the button, and the hold is still there to check out.
  await expect(page.getByTestId("checkout-result")).toHaveCount(0);
  await expect(page.getByText("This email already has an order for this drop")).toHaveCount(1);
  await expect(page.getByTestId("hold")).toBeVisible();
  // Typing another email clears it.
  await field.fill(`other-${id}@example.com`);
  await expect(field).toHaveAttribute("aria-invalid", "false");
});

test("a weak password at the invite's join form shows the field's error only", async ({ page, request }) => {
  const id = run();
  const path = await brandInvite(request, { name: `Weak ${id}`, email: `weak-${id}@example.com` });
  await page.goto(path);
  await page.getByLabel("Your name").fill("Wendy Weak");
  // Long enough for the form's own check; the server refuses it as a common one.
  await page.getByLabel("Password").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page.getByText("This password is among the most common ones; choose another")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The request is not valid.")).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
});

test("a used invite says so when its page opens, naming the brand and the email, with no form", async ({
  page,
  request,
}) => {
  const id = run();
  const brand = `Used ${id}`;
  const email = `used-${id}@example.com`;
  const path = await brandInvite(request, { name: brand, email });
  const accepted = await request.post(`/api${path}/accept`, {
    data: { name: "Early Bird", password: "correct horse battery staple" },
  });
  expect(accepted.status(), await accepted.text()).toBe(201);

  await page.goto(path);
  await expect(page.getByTestId("invite-ended")).toContainText("This invite was already used.");
  await expect(page.getByRole("heading", { name: `Join ${brand} on DropRush` })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Join and sign in" })).toHaveCount(0);
});
