import { expect, test } from "@playwright/test";
import type { Shopper } from "@/lib/schemas/claim";
import { admin, claimButton, createDrop, theButton } from "./helpers";

// A CDN may answer a stock poll up to 5 s stale (the route's stale-while-revalidate). Such an
// answer must not undo the "0 left" a refused claim already showed.
test("a sold-out refusal's 0 left stays when the next polls answer a stale 1 left, as a CDN may", async ({
  page,
  request,
}) => {
  const drop = await createDrop(request, {
    name: "E2E stale stock",
    totalStock: 1,
    botDefence: "off",
    startsAt: new Date(Date.now() - 1_000).toISOString(),
  });
  // The page's first poll is answered for real; every later one gets that first answer again (1 left).
  let stale: string | undefined;
  let refused = false;
  let staleAfterRefusal = 0;
  await page.route("**/api/drops/*/stock", async (route) => {
    if (stale) {
      if (refused) staleAfterRefusal++;
      return route.fulfill({ status: 200, contentType: "application/json", body: stale });
    }
    const response = await route.fetch();
    stale = await response.text();
    return route.fulfill({ response, body: stale });
  });
  await page.goto(`/drops/${drop.id}`);
  await expect(claimButton(page)).toBeEnabled({ timeout: 15_000 });
  await expect.poll(() => stale !== undefined, { timeout: 5_000 }).toBe(true);
  expect((JSON.parse(stale!) as { remainingStock: number }).remainingStock).toBe(1);

  // Another shopper takes the unit; this page's claim is refused, and it shows 0 left at once.
  const other = (await (await request.post("/api/shoppers", { data: {}, headers: admin })).json()) as Shopper;
  const taken = await request.post(`/api/drops/${drop.id}/claims`, {
    headers: { Authorization: `Bearer ${other.token}` },
  });
  expect(taken.status()).toBe(201);
  await claimButton(page).click();
  await expect(page.getByTestId("remaining")).toHaveText("0");
  refused = true;

  // The polls after the refusal (four a second while it settles) all answer the stale 1 left.
  await expect.poll(() => staleAfterRefusal, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("remaining")).toHaveText("0");
  await expect(theButton(page)).toHaveText("Sold out");
});
