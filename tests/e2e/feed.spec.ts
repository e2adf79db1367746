import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { admin, createDrop } from "./helpers";

// The home page shows a page of the feed: "Past drops" holds the 12 most recently ended, and
// "Older drops" (a button) loads the next 12 under them from GET /api/drops?cursor=.
test("Past drops: the 12 latest ended on the page, Older drops loads the one before them", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const drops = [];
  for (let i = 0; i < 13; i++) {
    const drop = await createDrop(request, {
      name: `Past ${run} ${i}`,
      startsAt: new Date(Date.now() - 1_000).toISOString(),
    });
    const ended = await request.post(`/api/admin/drops/${drop.id}/end`, { headers: admin });
    expect(ended.status(), await ended.text()).toBe(200);
    drops.push(drop);
  }
  const [oldest, ...latest] = drops; // ended first: the 13th most recently ended

  await page.goto("/");
  const past = page.getByTestId("feed-past");
  await expect(past.getByRole("heading", { name: "Past drops" })).toBeVisible();
  for (const d of latest) await expect(past.locator(`a[href="/drops/${d.id}"]`)).toBeVisible();
  await expect(page.locator(`a[href="/drops/${oldest!.id}"]`)).toHaveCount(0);

  await past.getByRole("button", { name: "Older drops" }).click();
  const older = past.getByTestId("older-drops");
  await expect(older.locator(`a[href="/drops/${oldest!.id}"]`)).toBeVisible();
  await expect(older.locator(`a[href="/drops/${oldest!.id}"]`)).toContainText("Ended");
  // The older cards, the button and the announcement pass the same scan as the rest of the feed.
  expect(await seriousViolations(page)).toEqual([]);
});
