import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "./env";
import { claimButton, tabShopper, theButton } from "./helpers";

/** A datetime-local value `ms` from now, in the page's own time zone (as the admin would type it). */
const localInput = (page: Page, ms: number) =>
  page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }, ms);

test("admin: sign in, schedule a drop, watch it sell, pause, resume, restock, end, export CSV", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  // The admin works in another time zone than the shoppers: times are stored in UTC either way.
  const adminContext = await browser.newContext({ timezoneId: "America/New_York", acceptDownloads: true });
  const shopperContexts = await Promise.all(
    [1, 2, 3].map(() => browser.newContext({ timezoneId: "Europe/Berlin" })),
  );
  try {
    const admin = await adminContext.newPage();

    // 1. Sign in: /admin sends a stranger to the sign-in page; the token sets a strict session cookie.
    await admin.goto("/admin");
    await expect(admin).toHaveURL(/\/admin\/login\?next=%2Fadmin$/);
    await admin.getByLabel("Admin token").fill("not-the-token");
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect(admin.getByRole("alert").filter({ hasText: "not the admin token" })).toBeVisible();
    await admin.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await expect(admin).toHaveURL(/\/admin$/);
    const session = (await adminContext.cookies()).find((c) => c.name === "droprush_admin");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/", secure: true }); // a production build
    expect(session!.expires * 1000).toBeGreaterThan(Date.now() + 7 * 3_600_000);

    // 2. Create a drop starting 10 s from now with 5 units, validated as it is typed.
    await admin.getByRole("link", { name: "New drop" }).first().click();
    await expect(admin.getByTestId("form-zone")).toContainText("America/New_York");
    const name = `E2E admin drop ${Date.now()}`;
    await admin.getByLabel("Name").fill(name);
    await admin.getByLabel("Price").fill("12.5.0");
    await expect(admin.getByText("Enter a price like 12.50")).toBeVisible();
    await admin.getByLabel("Price").fill("49.00");
    await expect(admin.getByText("Enter a price like 12.50")).toHaveCount(0);
    await admin.getByLabel("Bundled image").selectOption("/drops/midnight-hoodie.svg");
    await admin.getByLabel("Total stock").fill("5");
    await admin.getByLabel("Limit per shopper").fill("1");
    await admin.getByLabel(/^Start/).fill(await localInput(admin, 10_000));
    await admin.getByLabel(/^End/).fill(await localInput(admin, 3_600_000));
    await admin.getByRole("button", { name: "Schedule drop" }).click();
    await admin.waitForURL(/\/admin\/drops\/[0-9a-f]{12}$/);
    const dropId = admin.url().split("/").at(-1)!;
    await expect(admin.getByRole("heading", { name })).toBeVisible();
    await expect(admin.getByTestId("status")).toHaveText(/coming soon/i);

    // 3. A shopper watches the countdown reach live, in another context.
    const [a, b, c] = await Promise.all(shopperContexts.map((ctx) => ctx.newPage()));
    await a!.goto(`/drops/${dropId}`);
    await expect(a!.getByTestId("countdown")).toBeVisible();
    await expect(theButton(a!)).toBeDisabled();
    await expect(claimButton(a!)).toBeEnabled({ timeout: 20_000 });
    await expect(admin.getByTestId("status")).toHaveText(/live/i, { timeout: 5_000 });

    // 4. Two shoppers claim a unit each.
    await b!.goto(`/drops/${dropId}`);
    await expect(claimButton(b!)).toBeEnabled();
    await claimButton(a!).click();
    await expect(a!.getByTestId("hold")).toBeVisible();
    await claimButton(b!).click();
    await expect(b!.getByTestId("hold")).toBeVisible();
    await c!.goto(`/drops/${dropId}`);
    await expect(claimButton(c!)).toBeEnabled();
    await expect(admin.getByTestId("metric-remaining")).toHaveText("3");

    // 5. Pause (takes effect at once): a third claim gets Paused. While the request is on its way
    // (held back here until both checks have seen it) the page says what it is doing.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await admin.route("**/pause", async (route) => {
      await released;
      await route.continue();
    });
    await admin.getByRole("button", { name: "Pause" }).click();
    await expect(admin.getByRole("button", { name: "Pausing…" })).toBeDisabled();
    await expect(admin.getByTestId("action-answer")).toHaveText("Pausing…");
    release();
    await expect(admin.getByTestId("action-answer")).toContainText("Paused");
    await admin.unroute("**/pause");
    const shopperC = await tabShopper(c!);
    const third = await c!.evaluate(
      async ({ id, token }) => {
        const res = await fetch(`/api/drops/${id}/claims`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
      },
      { id: dropId, token: shopperC.token },
    );
    expect([third.status, third.body.error?.code]).toEqual([409, "PAUSED"]);
    await expect(theButton(c!)).toHaveText("Paused");
    await expect(theButton(c!)).toBeDisabled();

    // 6. Resume, then restock +3 (confirmed in a dialog): the shopper page shows 6.
    await admin.getByRole("button", { name: "Resume" }).click();
    await expect(admin.getByTestId("action-answer")).toContainText("Resumed");
    await expect(claimButton(c!)).toBeEnabled();
    await admin.getByLabel("Units to add").fill("3");
    await admin.getByRole("button", { name: "Restock" }).click();
    const restockDialog = admin.getByRole("dialog", { name: "Change the stock?" });
    await expect(restockDialog).toContainText("3 → 6 remaining, 5 → 8 in total");
    await restockDialog.getByRole("button", { name: "Restock" }).click();
    await expect(admin.getByTestId("action-answer")).toContainText("Restocked. 6 of 8 left.");
    await expect(a!.getByTestId("remaining")).toHaveText("6");
    await expect(c!.getByTestId("remaining")).toHaveText("6");
    await expect(admin.getByTestId("metric-remaining")).toHaveText("6");

    // 7. End it (confirmed: it cannot be undone).
    await admin.getByRole("button", { name: "End now" }).click();
    const endDialog = admin.getByRole("dialog", { name: "End this drop now?" });
    await endDialog.getByRole("button", { name: "Cancel" }).click();
    await expect(endDialog).toBeHidden();
    await expect(admin.getByTestId("status")).toHaveText(/live/i);
    await admin.getByRole("button", { name: "End now" }).click();
    await endDialog.getByRole("button", { name: "End drop" }).click();
    await expect(admin.getByTestId("action-answer")).toContainText("Ended");
    await expect(admin.getByTestId("status")).toHaveText(/ended/i);
    await expect(theButton(a!)).toHaveText("Ended");

    // 8. The live view shows the right counts, and the chart has points (reloaded: fresh from the server).
    await expect(async () => {
      await admin.reload();
      await expect(admin.getByTestId("metric-claims")).toHaveText("2", { timeout: 1_000 });
      await expect(admin.getByTestId("refused-PAUSED")).toHaveText("1", { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expect(admin.getByTestId("metric-sold")).toHaveText("2");
    await expect(admin.getByTestId("metric-remaining")).toHaveText("6");
    expect(await admin.getByTestId("chart-point").count()).toBeGreaterThanOrEqual(1);
    await expect(admin.getByTestId("claims-rows").getByRole("row")).toHaveCount(2);

    // 9. The CSV has a header and exactly 2 data rows.
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`claims-${dropId}.csv`);
    const csv = await readFile(await download.path(), "utf8");
    const rows = csv.split("\r\n").filter(Boolean);
    expect(rows[0]).toMatch(/^claim_id,drop_id,shopper_id,status,created_at/);
    expect(rows.slice(1)).toHaveLength(2);
    const shoppers = await Promise.all([a!, b!].map(tabShopper));
    expect(
      rows
        .slice(1)
        .map((r) => r.split(",")[2])
        .sort(),
    ).toEqual(shoppers.map((s) => s.shopperId).sort());

    // 10. The dashboard: ended, 2 sold, 6 remaining, 25% sell-through.
    await admin
      .getByRole("navigation", { name: "Admin" })
      .getByRole("link", { name: "Drops", exact: true })
      .click();
    const row = admin.getByTestId(`drop-row-${dropId}`);
    await expect(row.getByTestId("status")).toHaveText(/ended/i);
    await expect(row.getByTestId("sold-remaining")).toHaveText("2 / 6");
    await expect(row).toContainText("25%");

    // Signing out ends the session: the dashboard sends us back to sign in, even to someone who
    // kept a copy of the cookie.
    await admin.getByRole("button", { name: "Sign out" }).click();
    await expect(admin).toHaveURL(/\/admin\/login$/);
    await admin.goto("/admin");
    await expect(admin).toHaveURL(/\/admin\/login/);
    await adminContext.addCookies([session!]);
    expect((await adminContext.cookies()).map((c) => c.value)).toContain(session!.value);
    await admin.goto("/admin");
    await expect(admin).toHaveURL(/\/admin\/login/);
  } finally {
    await Promise.all([adminContext, ...shopperContexts].map((ctx) => ctx.close()));
  }
});
