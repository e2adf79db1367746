import { expect, test, type Page } from "@playwright/test";
import { admin, createDrop, TEST_CARD, warmUp } from "./helpers";

// Issue 24 in a real browser with the local provider: three shoppers enter a one-unit draw that
// authorises the card at entry (one passes an authentication step first); at the draw, the winner's
// card is charged into an order with no checkout step, and the others' authorisations are released.

const SHOPPERS = 3;
const UNITS = 1;

const state = (page: Page) => page.getByTestId("draw-state");

test("a paid draw: cards authorised at entry, the winner charged into an order, the others released", async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  await warmUp(request);
  const drop = await createDrop(request, {
    name: "E2E paid draw",
    mode: "draw",
    botDefence: "off",
    totalStock: UNITS,
    priceCents: 4_200,
    startsAt: new Date(Date.now() - 1_000).toISOString(),
    // Long enough for three tabs to load, fill the form and pass the card step on a busy machine
    // (10 s here).
    endsAt: new Date(Date.now() + 27_000).toISOString(),
  });
  const endsAt = Date.parse(drop.endsAt);

  const contexts = await Promise.all(Array.from({ length: SHOPPERS }, () => browser.newContext()));
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(pages.map((p) => p.goto(`/drops/${drop.id}`)));
    for (const [i, page] of pages.entries()) {
      const form = page.getByTestId("paid-entry");
      await expect(form).toContainText("authorised for $42.00", { timeout: 15_000 });
      await form.getByLabel("Full name").fill(`Entrant ${i}`);
      await form.getByLabel("Email").fill(`entrant-${i}-${drop.id}@example.com`);
      await form.getByLabel("Shipping address").fill(`${i} Draw Lane, Springfield`);
      await form.getByRole("button", { name: "Continue to card" }).click();
      // The last one's bank asks: the local provider's authentication step, approved.
      await form.getByLabel("Card number").fill(i === SHOPPERS - 1 ? "4000 0025 0000 3155" : TEST_CARD);
      await form.getByRole("button", { name: "Authorise $42.00" }).click();
      if (i === SHOPPERS - 1) await form.getByRole("button", { name: "Approve" }).click();
      await expect(state(page)).toContainText("Your card is authorised, and charged only if you win", {
        timeout: 15_000,
      });
      await expect(page.getByTestId("entry-receipt")).toContainText("Entry");
    }
    expect(Date.now(), "every shopper entered before the close").toBeLessThan(endsAt);

    // The admin's Draw now, once it is ready: 20 s after the close, when no entry can still land
    // (the sweeper may get there first: the same draw).
    await expect
      .poll(
        async () => (await request.post(`/api/admin/drops/${drop.id}/draw`, { headers: admin })).status(),
        { timeout: Math.max(0, endsAt - Date.now()) + 35_000, intervals: [1_000] },
      )
      .toBe(200);

    const said = async () => Promise.all(pages.map(async (p) => (await state(p).textContent()) ?? ""));
    await expect
      .poll(
        async () => (await said()).filter((t) => /charged and your order|nothing was charged/.test(t)).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(SHOPPERS);
    const texts = await said();
    const winners = pages.filter((_, i) => texts[i]!.includes("You won — your card was charged"));
    const others = pages.filter((_, i) =>
      texts[i]!.includes("authorisation was released: nothing was charged"),
    );
    expect(winners).toHaveLength(UNITS);
    expect(others).toHaveLength(SHOPPERS - UNITS);

    // The winner's order, no checkout step: its receipt says the card paid.
    const winner = winners[0]!;
    await expect(winner.getByTestId("checkout")).toHaveCount(0);
    await winner.getByRole("link", { name: /^DR-/ }).click();
    await expect(winner.getByTestId("receipt-product")).toHaveText("E2E paid draw");
    await expect(winner.getByTestId("receipt-payment")).toContainText("Paid · card ending");

    // The server agrees: one order, paid; the ledger holds.
    const audit = await request.post(`/api/admin/drops/${drop.id}/audit`, { headers: admin });
    expect(audit.status()).toBe(200);
    const { report } = (await audit.json()) as {
      report: { ledgerHolds: boolean; ledger: { captured: unknown[] } };
    };
    expect(report.ledger.captured).toEqual([{ currency: "USD", minor: 4_200 }]);
    expect(report.ledgerHolds).toBe(true);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
