// Brands as tenants, end to end in the browser (docs/admin.md, "Brands in the dashboard"): the operator creates
// a brand and invites its owner; the owner joins from the link, signs in again with email and
// password, and launches a drop; another brand's owner cannot see it; a viewer sees it but cannot
// pause it; the brand's activity log shows every step.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "./env";
import { seriousViolations } from "./axe";
import { admin, mailedInvitePath } from "./helpers";

const PASSWORD = "correct horse battery staple";

/** An invite made through the API (the operator's token), accepted in a fresh browser of its own. */
async function memberVia(
  browser: Browser,
  request: APIRequestContext,
  brandId: string,
  email: string,
  role: string,
) {
  const invited = await request.post(`/api/admin/brands/${brandId}/invites`, {
    headers: admin,
    data: { email, role },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(await mailedInvitePath(email));
  await page.getByLabel("Your name").fill(`${role} ${email}`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return { context, page };
}

/** No serious or critical axe violation on the pages only this flow reaches (a11y.spec.ts scans the rest). */
async function expectAccessible(page: Page, what: string) {
  expect(await seriousViolations(page), `${what}: serious or critical accessibility violations`).toEqual([]);
}

const activityActions = (page: Page) =>
  page.getByTestId("activity-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));

test("brands: invite → join → sign in → launch; another brand sees nothing; a viewer cannot pause", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const ownerEmail = `owner-${run}@a.example`;
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [operatorContext, ownerContext] = contexts as [(typeof contexts)[0], (typeof contexts)[0]];
  try {
    // 1. The operator signs in with the platform token, creates brand A and invites its owner.
    const operator = await operatorContext.newPage();
    await operator.goto("/admin/login");
    await operator.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await operator.getByRole("button", { name: "Sign in" }).click();
    await expect(operator).toHaveURL(/\/admin$/);
    await operator.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Brands" }).click();
    await expect(operator).toHaveURL(/\/admin\/brands$/);
    const brandName = `Acme ${run}`;
    await operator.getByLabel("Brand name").fill(brandName);
    await expect(operator.getByLabel("Slug")).toHaveValue(`acme-${run}`);
    await operator.getByRole("button", { name: "Create brand" }).click();
    const created = operator.getByTestId("brand-created");
    await expect(created).toContainText(`${brandName} is ready`);
    await expect(operator.getByTestId(`brand-row-acme-${run}`)).toBeVisible();
    await created.getByLabel("Email").fill(ownerEmail);
    await created.getByRole("button", { name: "Invite the owner" }).click();
    await expect(created.getByTestId("invite-sent")).toContainText(`Invite mailed to ${ownerEmail}`);
    const invitePath = await mailedInvitePath(ownerEmail);
    expect(invitePath).toMatch(/^\/invites\/[a-f0-9]{16}_[A-Za-z0-9_-]{43}$/);
    const brands = (await (await request.get("/api/admin/brands", { headers: admin })).json()) as {
      brands: { id: string; slug: string }[];
    };
    const brandId = brands.brands.find((b) => b.slug === `acme-${run}`)!.id;

    // 2. The owner opens the link in a browser of their own, sets a password and is signed in.
    const owner = await ownerContext.newPage();
    await owner.goto(invitePath);
    await expect(owner.getByRole("heading", { name: `Join ${brandName} on DropRush` })).toBeVisible();
    await expect(owner.getByText(ownerEmail)).toBeVisible();
    await owner.getByLabel("Your name").fill("Olive Owner");
    await owner.getByLabel("Password").fill("short");
    await owner.getByRole("button", { name: "Join and sign in" }).click();
    await expect(owner.getByText("At least 12 characters", { exact: true })).toBeVisible();
    await owner.getByLabel("Password").fill(PASSWORD);
    await owner.getByRole("button", { name: "Join and sign in" }).click();
    await expect(owner).toHaveURL(/\/admin$/);
    await expect(owner.getByTestId("whoami")).toContainText(`Olive Owner, owner of ${brandName}`);
    await expect(owner.getByTestId("nav-who")).toHaveText(`${brandName} · owner`);
    // The link works once.
    const again = await browser.newContext();
    contexts.push(again);
    const late = await again.newPage();
    await late.goto(invitePath);
    // Said at once, with the brand and the email it was for.
    await expect(late.getByTestId("invite-ended")).toContainText("This invite was already used.");
    await expect(late.getByRole("heading", { name: `Join ${brandName} on DropRush` })).toBeVisible();
    await expect(late.getByLabel("Your name")).toHaveCount(0);
    await expectAccessible(late, "a used invite");

    // 3. Sign out, and in again with email and password through the sign-in form.
    await owner.getByRole("button", { name: "Sign out" }).click();
    await expect(owner).toHaveURL(/\/admin\/login$/);
    await owner.getByLabel("Email").fill(ownerEmail);
    await owner.getByLabel("Password").fill("not the password at all");
    await owner.getByRole("button", { name: "Sign in" }).click();
    await expect(owner.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await owner.getByLabel("Password").fill(PASSWORD);
    await owner.getByRole("button", { name: "Sign in" }).click();
    await expect(owner).toHaveURL(/\/admin$/);

    // 4. A drop, created as a draft through the form and then published.
    await owner.getByRole("link", { name: "New drop" }).first().click();
    const dropName = `Acme runner ${run}`;
    await owner.getByLabel("Name").fill(dropName);
    await owner.getByLabel("Price").fill("80.00");
    await owner.getByLabel("Total stock").fill("4");
    await owner.getByRole("button", { name: "Start now" }).click();
    await owner.getByRole("button", { name: "Save as draft" }).click();
    await owner.waitForURL(/\/admin\/drops\/[0-9a-f]{12}$/);
    const dropId = owner.url().split("/").at(-1)!;
    await owner.getByRole("button", { name: "Publish" }).click();
    await owner
      .getByRole("dialog", { name: "Publish this drop?" })
      .getByRole("button", { name: "Publish" })
      .click();
    await expect(owner.getByTestId("status")).toHaveText(/live/i);
    await expect(owner.getByRole("button", { name: "Pause" })).toBeVisible();
    const dropLog = owner.getByRole("region", { name: "This drop's activity" });
    await expect(dropLog.getByTestId("activity-event").first()).toHaveAttribute(
      "data-action",
      "drop.publish",
      {
        timeout: 10_000,
      },
    );

    // 5. Brand B's owner (made through the API) sees none of it: not listed, and its page is a 404.
    const other = await request.post("/api/admin/brands", {
      headers: admin,
      data: { name: `Bravo ${run}`, slug: `bravo-${run}` },
    });
    expect(other.status()).toBe(201);
    const bravo = ((await other.json()) as { brand: { id: string } }).brand;
    const b = await memberVia(browser, request, bravo.id, `owner-${run}@b.example`, "owner");
    contexts.push(b.context);
    await b.page.goto("/admin");
    await expect(b.page.getByTestId("nav-who")).toHaveText(`Bravo ${run} · owner`);
    await expect(b.page.getByText(dropName)).toHaveCount(0);
    expect((await b.page.goto(`/admin/drops/${dropId}`))?.status()).toBe(404);
    // The admin's own 404, with the way back to the dashboard; the same page as for a drop that
    // does not exist, so it tells nothing about brand A.
    const main = b.page.getByRole("main");
    await expect(main.getByText("could not be found")).toBeVisible();
    await expect(b.page.getByRole("navigation", { name: "Admin" })).toBeVisible();
    await expect(main.getByRole("link", { name: "Back to the dashboard" })).toHaveAttribute("href", "/admin");
    const otherBrands = await main.innerText();
    expect((await b.page.goto("/admin/drops/no-such-drop"))?.status()).toBe(404);
    expect(await main.innerText()).toBe(otherBrands);

    // 6. A viewer of brand A sees the drop, has no Pause, and the API refuses their pause.
    const v = await memberVia(browser, request, brandId, `viewer-${run}@a.example`, "viewer");
    contexts.push(v.context);
    await expect(v.page.getByTestId(`drop-row-${dropId}`)).toBeVisible();
    await expect(v.page.getByRole("link", { name: "New drop" })).toHaveCount(0);
    await v.page.getByTestId(`drop-row-${dropId}`).getByRole("link", { name: dropName }).click();
    await expect(v.page.getByRole("heading", { name: dropName })).toBeVisible();
    await expect(v.page.getByTestId("read-only")).toBeVisible();
    await expect(v.page.getByRole("button", { name: "Pause" })).toHaveCount(0);
    // The browser sends the viewer's cookie and our own Origin: only the role is missing.
    const pause = await v.page.evaluate(async (id) => {
      const res = await fetch(`/api/admin/drops/${id}/pause`, { method: "POST" });
      return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
    }, dropId);
    expect([pause.status, pause.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    await expectAccessible(v.page, "a viewer's drop page with its activity");

    // 7. The owner's dashboard: the brand's log, newest first, has every step.
    await owner.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Drops" }).click();
    await expect(owner.getByTestId(`drop-row-${dropId}`)).toBeVisible();
    await expect(async () => {
      await owner.reload();
      expect(await activityActions(owner)).toEqual([
        "member.join", // the viewer (invited by the operator through the API)
        "member.invite",
        "drop.publish",
        "drop.create",
        "member.signIn",
        "member.signInFailed",
        "member.join", // the owner
        "member.invite",
        "brand.create",
      ]);
    }).toPass({ timeout: 10_000 });
    const log = owner.getByTestId("activity");
    await expect(log.getByTestId("activity-event").nth(2)).toContainText(
      `Olive Owner (${ownerEmail}) published`,
    );
    await expect(
      log.getByTestId("activity-event").nth(2).getByRole("link", { name: dropName }),
    ).toBeVisible();
    await expect(log.getByTestId("activity-event").last()).toContainText(
      "Platform operator created the brand",
    );
    await expect(log.getByTestId("activity-event").nth(7)).toContainText(
      "Platform operator invited a member",
    );
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});

test("one person, two brands: sign in, switch brands in the nav; an owner withdraws a pending invite", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const email = `both-${run}@x.example`;
  const brandIds: string[] = [];
  for (const name of [`First ${run}`, `Second ${run}`]) {
    const made = await request.post("/api/admin/brands", {
      headers: admin,
      data: { name, slug: `${name.split(" ")[0]!.toLowerCase()}-${run}` },
    });
    const brandId = ((await made.json()) as { brand: { id: string } }).brand.id;
    brandIds.push(brandId);
    await request.post(`/api/admin/brands/${brandId}/invites`, {
      headers: admin,
      data: { email, role: "owner" },
    });
    // The first invite makes the account; the second joins it with its password.
    const joined = await request.post(
      `${await mailedInvitePath(email)}/accept`.replace("/invites/", "/api/invites/"),
      {
        data: brandIds.length === 1 ? { name: "Bo Both", password: PASSWORD } : { password: PASSWORD },
      },
    );
    expect(joined.status(), await joined.text()).toBe(201);
  }
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    const switcher = page.getByTestId("brand-switcher");
    await expect(switcher).toHaveValue(brandIds[0]!);
    await expect(page.getByRole("heading", { name: `First ${run}: drops` })).toBeVisible();
    await switcher.selectOption(brandIds[1]!);
    await expect(page.getByRole("heading", { name: `Second ${run}: drops` })).toBeVisible();
    await expect(switcher).toHaveValue(brandIds[1]!);

    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Members" }).click();
    await page.getByLabel("Email").fill(`later-${run}@x.example`);
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    await expect(page.getByTestId("invite-row")).toHaveCount(1);
    await expect(page.getByTestId("invite-row")).toContainText("Bo Both");
    await page.getByRole("button", { name: /^Withdraw/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Withdraw" }).click();
    await expect(page.getByTestId("invite-row")).toHaveCount(0);
    await expectAccessible(page, "the members page with the brand switcher");
  } finally {
    await context.close();
  }
});
