import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  adminDrop,
  claimButton,
  createDrop,
  getStock,
  shopperClaims,
  tabShopper,
  theButton,
  warmUp,
} from "./helpers";

const SHOPPERS = 5;
const STOCK = 3;

// The 2 s bound is wall-clock time on a shared machine: five Chromium tabs, the server and the
// database on two cores, where CI runs have seen every claim take 1.3-1.7 s. So a miss is run once
// more, and the list reporter marks the test flaky. Both runs missing it fails: a change that makes
// the claim or the count slow still fails here.
test.describe.configure({ retries: 1 });

type Times = { click?: number; hold?: number; refused?: number; zero?: number };
declare global {
  interface Window {
    __race: Times;
  }
}

/** Records, on the page's own clock, when it was clicked, learned its outcome and first showed 0 left. */
function recordTimes() {
  const t: Times = {};
  window.__race = t;
  document.addEventListener("click", () => (t.click ??= Date.now()), true);
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="remaining"]')?.textContent === "0") t.zero ??= Date.now();
    if (document.querySelector('[data-testid="hold"]')) t.hold ??= Date.now();
    if (/sold out/i.test(document.querySelector('[data-testid="claim-message"]')?.textContent ?? ""))
      t.refused ??= Date.now();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

test("five shoppers race for three units: exactly three win, everyone sees 0 left within 2 s", async ({
  browser,
  request,
}) => {
  await warmUp(request);
  const drop = await createDrop(request, {
    name: "E2E race",
    totalStock: STOCK,
    maxPerShopper: 1,
    startsAt: new Date(Date.now() - 1_000).toISOString(),
  });
  expect(drop.status).toBe("live");

  // Five separate contexts: five tabs that share nothing, so five guest shoppers.
  const contexts: BrowserContext[] = await Promise.all(
    Array.from({ length: SHOPPERS }, () => browser.newContext()),
  );
  try {
    const pages: Page[] = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(pages.map((p) => p.addInitScript(recordTimes)));
    await Promise.all(pages.map((p) => p.goto(`/drops/${drop.id}`)));
    for (const page of pages) {
      await expect(claimButton(page)).toBeEnabled({ timeout: 15_000 });
      // The proof of work (the drop's default) is solved before the race starts, as a judge waits.
      await expect(page.getByTestId("getting-ready")).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByTestId("remaining")).toHaveText(String(STOCK));
    }
    const shoppers = await Promise.all(pages.map(tabShopper));
    expect(new Set(shoppers.map((s) => s.shopperId)).size).toBe(SHOPPERS);
    // Five tabs, five titles: each names its shopper, the drop and the stock.
    for (const [i, page] of pages.entries())
      await expect(page).toHaveTitle(
        `Shopper ${shoppers[i]!.shopperId.slice(0, 6)} · E2E race · ${STOCK} left`,
      );
    expect(new Set(await Promise.all(pages.map((p) => p.title()))).size).toBe(SHOPPERS);

    // All five at once: real mouse clicks on buttons located beforehand, so no per-click
    // actionability round trips spread them out.
    const boxes = await Promise.all(pages.map(async (p) => (await claimButton(p).boundingBox())!));
    await Promise.all(
      pages.map((p, i) =>
        p.mouse.click(boxes[i]!.x + boxes[i]!.width / 2, boxes[i]!.y + boxes[i]!.height / 2),
      ),
    );

    // Every tab learns its outcome: the hold, or the sold-out refusal.
    const outcomes = await Promise.all(
      pages.map(async (page) => {
        const hold = page.getByTestId("hold");
        const soldOut = page.getByTestId("claim-message").filter({ hasText: /sold out/i });
        await expect(hold.or(soldOut)).toBeVisible({ timeout: 10_000 });
        return (await hold.isVisible()) ? "won" : "sold out";
      }),
    );
    expect(outcomes.filter((o) => o === "won")).toHaveLength(STOCK);
    expect(outcomes.filter((o) => o === "sold out")).toHaveLength(SHOPPERS - STOCK);

    // ALL five show 0 left. The losers' button reads "Sold out"; a winner never sees a sold-out
    // message about their own unit: no Claim button, a note that it is theirs, "You got one".
    await Promise.all(
      pages.map((page) => expect(page.getByTestId("remaining")).toHaveText("0", { timeout: 10_000 })),
    );
    for (const [i, page] of pages.entries()) {
      await expect(page).toHaveTitle(
        outcomes[i] === "won" ? / · E2E race · yours$/ : / · E2E race · sold out$/,
      );
      if (outcomes[i] === "won") {
        await expect(page.getByTestId("claim-limit")).toHaveText("This one is yours: one per shopper.");
        await expect(theButton(page)).toHaveCount(0);
        await expect(page.getByTestId("status")).toHaveText("You got one");
        await expect(page.getByText(/sold out/i)).toHaveCount(0);
      } else {
        await expect(theButton(page)).toHaveText("Sold out");
        await expect(theButton(page)).toBeDisabled();
      }
    }
    for (const [i, page] of pages.entries()) {
      if (outcomes[i] === "won") await expect(page.getByTestId("hold")).toHaveCount(1);
      else await expect(page.getByTestId("hold")).toHaveCount(0);
    }

    // ...within 2 s of each tab's click, measured on the page itself.
    const times = await Promise.all(pages.map((p) => p.evaluate(() => window.__race)));
    const clicks = times.map((t) => t.click!);
    const report = times.map(
      (t, i) =>
        `${outcomes[i]}: outcome +${(t.hold ?? t.refused)! - t.click!} ms, 0 left +${t.zero! - t.click!} ms`,
    );
    if (process.env.E2E_VERBOSE) console.log(report.join("\n"));
    test.info().annotations.push({
      type: "timings",
      description: `clicks within ${Math.max(...clicks) - Math.min(...clicks)} ms; ${report.join("; ")}`,
    });
    // A miss names every tab's times, so the failure tells whether a claim or the count was late.
    for (const [i, t] of times.entries()) {
      expect(t.zero! - t.click!, `tab ${i} (all tabs: ${report.join("; ")})`).toBeLessThanOrEqual(2_000);
    }

    // The server agrees: no stock left, three distinct shoppers hold one claim each.
    expect((await getStock(request, drop.id)).remainingStock).toBe(0);
    expect((await adminDrop(request, drop.id)).remainingStock).toBe(0);
    const claims = await Promise.all(shoppers.map((s) => shopperClaims(request, drop.id, s.token)));
    const holders = shoppers.filter((_, i) => claims[i]!.length > 0).map((s) => s.shopperId);
    expect(new Set(holders).size).toBe(STOCK);
    for (const [i, mine] of claims.entries()) {
      expect(mine.length, `shopper ${i} (${outcomes[i]})`).toBe(outcomes[i] === "won" ? 1 : 0);
      for (const claim of mine)
        expect(claim).toMatchObject({ dropId: drop.id, shopperId: shoppers[i]!.shopperId, status: "held" });
    }

    // A reload shows the public proof, computed from the stored claims.
    const loser = pages[outcomes.indexOf("sold out")]!;
    await loser.reload();
    await expect(loser.getByTestId("proof")).toContainText(
      `${STOCK} units · ${STOCK} claimed · ${STOCK} winners · 0 oversold · reconciled at`,
    );
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
