// The admin on a phone (390 × 844), and the pieces a brand's first five minutes need: every admin
// table keeps its key columns on the screen (the drops' sold / remaining above all) with no sideways
// scrolling of the page or of a table; the brand page lists the brand's drops; the create button
// follows Start now; pending invites show on Members; the live view counts orders and revenue.
import { expect, test, type Page } from "@playwright/test";
import type { Claim, Shopper } from "@/lib/schemas/claim";
import { E2E_ADMIN_TOKEN } from "./env";
import { admin, createDrop, mailedInvitePath, payByApi } from "./helpers";

test.use({ viewport: { width: 390, height: 844 } });

async function signIn(page: Page) {
  await page.goto("/admin/login");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** No sideways scroll of the page, nor inside any table's box (where a column could hide). */
async function expectFits(page: Page, what: string) {
  const page_ = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(page_, `${what}: the page scrolls sideways by ${page_}px`).toBeLessThanOrEqual(0);
  const boxes = await page.locator("table").evaluateAll((tables) =>
    tables.map((t) => ({
      caption: (t as HTMLTableElement).caption?.textContent,
      over: t.scrollWidth - t.parentElement!.clientWidth,
    })),
  );
  for (const b of boxes)
    expect(b.over, `${what}: table "${b.caption}" is wider than its box`).toBeLessThanOrEqual(0);
}

/** Claims one unit as a fresh admin-minted shopper and checks it out; the drop's defence is off. */
async function buyOne(request: Parameters<typeof createDrop>[0], dropId: string) {
  const shopper = (await (
    await request.post("/api/shoppers", { data: {}, headers: admin })
  ).json()) as Shopper;
  const auth = { Authorization: `Bearer ${shopper.token}` };
  const held = await request.post(`/api/drops/${dropId}/claims`, { headers: auth, data: {} });
  expect(held.status()).toBe(201);
  const { claim } = (await held.json()) as { claim: Claim };
  const confirmed = await request.post(`/api/claims/${claim.id}/confirm`, {
    headers: auth,
    data: {
      name: "Ada Buyer",
      email: `ada-${claim.id}@example.com`,
      shippingAddress: "1 Drop Street\nSpringfield",
    },
  });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  await payByApi(request, confirmed);
}

test("the drops dashboard at 390 px: no sideways scroll, sold / remaining on screen for every drop", async ({
  page,
  request,
}) => {
  const start = new Date(Date.now() - 1_000).toISOString();
  // A long name (it used to wrap to five lines) and a drop sold out, whose "sold out in" must not wrap.
  await createDrop(request, {
    name: "Aurora Runner Limited Edition Collaboration Colourway — the big launch",
    startsAt: start,
  });
  const soldOut = await createDrop(request, {
    name: "Sold out fast",
    totalStock: 1,
    botDefence: "off",
    startsAt: start,
  });
  await buyOne(request, soldOut.id);

  await signIn(page);
  const rows = page.locator('[data-testid^="drop-row-"]');
  await expect(page.getByTestId(`drop-row-${soldOut.id}`).getByTestId("sold-remaining")).toHaveText("1 / 0");
  await expectFits(page, "the dashboard");
  const width = await page.evaluate(() => window.innerWidth);
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) {
    const sold = rows.nth(i).getByTestId("sold-remaining");
    await expect(sold).toBeVisible();
    const box = (await sold.boundingBox())!;
    expect(box.x, `row ${i}: sold / remaining starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `row ${i}: sold / remaining ends on screen`).toBeLessThanOrEqual(width);
  }
  // Durations stay on one line: "out in 1.2 s", never "… / s".
  const soldOutIn = page.getByTestId(`drop-row-${soldOut.id}`).getByTestId("sold-out-in");
  await expect(soldOutIn).toBeVisible();
  expect(await soldOutIn.evaluate((el) => el.getClientRects().length)).toBe(1);
  const lineHeight = await soldOutIn.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await soldOutIn.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
});

test("a brand's pages at 390 px: its drops listed, Members shows the pending owner invite, then the member; tokens fit", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const made = await request.post("/api/admin/brands", {
    headers: admin,
    data: { name: `Phone ${run}`, slug: `phone-${run}` },
  });
  expect(made.status()).toBe(201);
  const { brand } = (await made.json()) as { brand: { id: string } };
  const start = new Date(Date.now() + 3_600_000).toISOString();
  const endsAt = new Date(Date.now() + 7_200_000).toISOString();
  const drops = [
    await createDrop(request, {
      name: `Phone tee ${run}`,
      brandId: brand.id,
      startsAt: start,
      endsAt,
      totalStock: 4,
    }),
    await createDrop(request, {
      name: `Phone cap ${run}`,
      brandId: brand.id,
      startsAt: start,
      endsAt,
      draft: true,
    }),
  ];

  await signIn(page);
  await page.goto(`/admin/brands/${brand.id}`);
  const list = page.getByRole("region", { name: "Drops" });
  for (const d of drops) {
    const row = list.getByTestId(`drop-row-${d.id}`);
    await expect(row.getByRole("link", { name: d.name })).toHaveAttribute("href", `/admin/drops/${d.id}`);
    await expect(row.getByTestId("sold-remaining")).toHaveText(`0 / ${d.totalStock}`);
  }
  await expect(list.getByTestId(`drop-row-${drops[1]!.id}`).getByTestId("status")).toHaveText(/draft/i);
  await expect(list.locator('[data-testid^="drop-row-"]')).toHaveCount(2); // the brand's own only
  await expectFits(page, "the brand page");

  // An owner invited, nobody joined: Members says so, not "No members yet".
  const ownerEmail = `owner-${run}@phone.example`;
  const invited = await request.post(`/api/admin/brands/${brand.id}/invites`, {
    headers: admin,
    data: { email: ownerEmail, role: "owner" },
  });
  expect(invited.status()).toBe(201);
  await page.goto(`/admin/brands/${brand.id}/members`);
  await expect(page.getByTestId("invite-row")).toContainText(ownerEmail);
  await expect(page.getByTestId("no-members")).toHaveText(/the invite above is waiting to be accepted/);
  await expect(page.getByText("No members yet")).toHaveCount(0);
  await expectFits(page, "members with an invite waiting");

  const ownerContext = await browser.newContext();
  try {
    const owner = await ownerContext.newPage();
    await owner.goto(await mailedInvitePath(ownerEmail));
    await owner.getByLabel("Your name").fill("Owen Owner-With-A-Rather-Long-Name");
    await owner.getByLabel("Password").fill("correct horse battery staple");
    await owner.getByRole("button", { name: "Join and sign in" }).click();
    await expect(owner).toHaveURL(/\/admin$/);
  } finally {
    await ownerContext.close();
  }
  await page.reload();
  await expect(page.getByTestId("member-row")).toContainText(ownerEmail);
  await expectFits(page, "members");

  const token = await request.post(`/api/admin/brands/${brand.id}/api-tokens`, {
    headers: admin,
    data: { name: "Warehouse sync", role: "viewer" },
  });
  expect(token.status()).toBe(201);
  await page.goto(`/admin/brands/${brand.id}/tokens`);
  await expect(page.getByTestId("api-token-row")).toContainText("Warehouse sync");
  await expectFits(page, "API tokens");
});

test("create with Start now: the button says so; the live view counts orders and revenue at 390 px", async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.goto("/admin/drops/new");
  await page.getByLabel("Name").fill(`Start now ${Date.now()}`);
  await page.getByLabel("Price").fill("42.50");
  await page.getByLabel("Total stock").fill("5");
  await expect(page.getByRole("button", { name: "Schedule drop" })).toBeVisible(); // the default: next hour
  await page.getByRole("button", { name: "Start now" }).click();
  await expect(page.getByRole("button", { name: "Schedule drop" })).toHaveCount(0);
  await page.getByLabel("Proof of work").uncheck(); // the API shopper below solves no challenge
  await page.getByRole("button", { name: "Start drop now" }).click();
  await page.waitForURL(/\/admin\/drops\/[0-9a-f]{12}$/);
  const dropId = page.url().split("/").at(-1)!;
  await expect(page.getByTestId("status").first()).toHaveText(/live/i);
  await expect(page.getByTestId("metric-orders")).toHaveText("0");
  await expect(page.getByTestId("metric-revenue")).toHaveText("$0.00");

  await buyOne(request, dropId);
  await buyOne(request, dropId);
  await expect(page.getByTestId("metric-orders")).toHaveText("2", { timeout: 15_000 });
  await expect(page.getByTestId("metric-revenue")).toHaveText("$85.00");
  await expect(page.getByTestId("metric-sold")).toHaveText("2");
  await expect(page.getByTestId("claims-rows").locator("tr")).toHaveCount(2);
  await expectFits(page, "a drop's live view and claims");
});
