import { expect, test, type Page } from "@playwright/test";
import type { PublishedDraw } from "@/lib/schemas/draw";
import { runVerifyDraw } from "@/scripts/verify-draw/cli";
import { admin, createDrop, warmUp } from "./helpers";

const SHOPPERS = 5;
const UNITS = 2;
const HOLD = 10;
/** The draw can run this long after the close (lib/entries/run-draw.ts, no beacon locally). */
const SETTLE_MS = 20_000;

const state = (page: Page) => page.getByTestId("draw-state");

// Issue 23 in a real browser: five shoppers enter a 2-unit draw; after the close the draw runs,
// exactly two see "You won" and three "Not this time"; the proof page and npm run verify-draw both
// say it verifies; one winner lets the hold run out and the
// first on the waitlist gets the unit; the other winner checks out and sees the order.
test("five shoppers enter a draw: two win, the proof verifies, a lapsed hold passes to the waitlist, a winner checks out", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await warmUp(request);
  const drop = await createDrop(request, {
    name: "E2E draw",
    mode: "draw",
    // A giveaway: no card at entry, winners check out (tests/e2e/draw-payments.spec.ts has a paid draw).
    priceCents: 0,
    botDefence: "off",
    totalStock: UNITS,
    holdSeconds: HOLD,
    startsAt: new Date(Date.now() - 1_000).toISOString(),
    // Long enough for five tabs to load and enter on a busy two-core machine.
    endsAt: new Date(Date.now() + 25_000).toISOString(),
  });
  expect(drop.mode).toBe("draw");
  const endsAt = Date.parse(drop.endsAt);

  const contexts = await Promise.all(Array.from({ length: SHOPPERS }, () => browser.newContext()));
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(pages.map((p) => p.goto(`/drops/${drop.id}`)));
    // A draw drop's page: the draw's words, no claim button and no stock bar.
    const first = pages[0]!;
    await expect(first.getByText(`Draw · ${UNITS} units · winners hold for ${HOLD} s`)).toBeVisible();
    await expect(first.getByTestId("claim-button")).toHaveCount(0);
    await expect(first.getByTestId("remaining")).toHaveCount(0);

    await Promise.all(
      pages.map(async (page) => {
        await expect(page.getByTestId("enter-draw")).toBeEnabled({ timeout: 15_000 });
        await page.getByTestId("enter-draw").click();
        await expect(state(page)).toContainText("You're in", { timeout: 10_000 });
        await expect(page.getByTestId("entry-receipt")).toContainText("Entry");
      }),
    );
    await expect(first.getByTestId("entry-count")).toHaveText(String(SHOPPERS), { timeout: 5_000 });
    expect(Date.now(), "every shopper entered before the close").toBeLessThan(endsAt);

    // The close: every page says the draw is coming.
    for (const page of pages)
      await expect(state(page)).toContainText("the draw runs shortly", {
        timeout: Math.max(0, endsAt - Date.now()) + 10_000,
      });

    // The admin's Draw now, once it is ready (the sweeper may get there first: the same draw).
    await expect
      .poll(
        async () => {
          const res = await request.post(`/api/admin/drops/${drop.id}/draw`, { headers: admin });
          return res.status();
        },
        { timeout: SETTLE_MS + 15_000, intervals: [1_000] },
      )
      .toBe(200);
    const draw = (await (await request.get(`/api/drops/${drop.id}/draw`)).json()) as PublishedDraw;
    expect(draw).toMatchObject({ status: "drawn", entryCount: SHOPPERS, units: UNITS });
    expect(draw.winners).toHaveLength(UNITS);

    // Exactly UNITS pages say "You won", the others "Not this time".
    const said = async () => Promise.all(pages.map(async (p) => (await state(p).textContent()) ?? ""));
    await expect
      .poll(async () => (await said()).filter((t) => /You won|Not this time/.test(t)).length, {
        timeout: 15_000,
      })
      .toBe(SHOPPERS);
    const texts = await said();
    const winners = pages.filter((_, i) => texts[i]!.includes("You won"));
    const others = pages.filter((_, i) => texts[i]!.includes("Not this time"));
    expect(winners).toHaveLength(UNITS);
    expect(others).toHaveLength(SHOPPERS - UNITS);
    const next = pages.find((_, i) => texts[i]!.includes("#1 on the waitlist"));
    expect(next, "someone is first on the waitlist").toBeDefined();
    for (const page of [...winners, ...others])
      await expect(page.getByRole("link", { name: "How this draw was made: the proof" })).toHaveAttribute(
        "href",
        `/drops/${drop.id}/proof`,
      );

    // The proof: the page recomputes the draw in the browser, and so does npm run verify-draw.
    const proof = await contexts[0]!.newPage();
    await proof.goto(`/drops/${drop.id}/proof`);
    await expect(proof.getByTestId("proof-verdict")).toContainText("Verified", { timeout: 20_000 });
    await proof.close();
    const printed: string[] = [];
    const io = { out: (l: string) => printed.push(l), err: (l: string) => printed.push(l) };
    expect(await runVerifyDraw(["--url", baseURL!, "--drop", drop.id], io), printed.join("\n")).toBe(0);
    expect(printed[0]).toBe("VERIFIED");

    // One winner checks out with the existing form and lands on the order.
    const [buyer, lapsed] = winners as [Page, Page];
    await expect(state(buyer)).toContainText("check out by");
    const checkout = buyer.getByTestId("checkout");
    await checkout.getByLabel("Full name").fill("Grace Hopper");
    await checkout.getByLabel("Email").fill("grace@example.com");
    await checkout.getByLabel("Shipping address").fill("1 Navy Yard, Washington DC");
    await checkout.getByRole("button", { name: "Check out 1 unit", exact: true }).click();
    await expect(buyer).toHaveURL(/\/orders\/[\w-]+\?key=[\w-]+$/, { timeout: 10_000 });
    await expect(buyer.getByTestId("receipt-product")).toHaveText("E2E draw");

    // The other lets the hold run out: the first on the waitlist then wins that unit.
    await expect(state(lapsed)).toContainText("your hold ended", { timeout: HOLD * 1000 + 15_000 });
    await expect(state(next!)).toContainText("You won", { timeout: 20_000 });
    await expect(next!.getByTestId("checkout")).toBeVisible();
    for (const page of others.filter((p) => p !== next))
      await expect(state(page)).toContainText("Not this time");
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
