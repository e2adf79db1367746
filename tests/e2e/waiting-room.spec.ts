import { expect, test, type Page } from "@playwright/test";
import type { Drop } from "@/lib/schemas/drop";
import { admin, claimButton, createDrop, tabShopper, warmUp } from "./helpers";

// Issue 25 in a real browser: five shoppers join a drop's pre-queue; at the start their places
// follow the published proof's order; they are let in one by one at the set rate; each claims with
// its pass; a claim without one is 428 QUEUE_REQUIRED.

const SHOPPERS = 5;
const RATE = 15; // a minute: one every 4 s
const queueState = (page: Page) => page.getByTestId("queue-state");

/**
 * The page's next poll of its place answers 503, as a database in trouble would; `failed` says
 * whether it has (so a test that waits for it cannot pass without the failure).
 */
async function failNextPoll(page: Page): Promise<{ failed: () => boolean }> {
  let failed = false;
  await page.route("**/api/drops/*/queue/me", async (route) => {
    // Then to the page's other routes (failPollShowingPlace's, registered first): this one, the
    // latest, is asked first, and a continue() here would keep that one from ever seeing a poll.
    if (failed) return route.fallback();
    failed = true;
    await route.fulfill({
      status: 503,
      headers: { "retry-after": "1" },
      json: { error: { code: "UNAVAILABLE", message: "The service is busy." } },
    });
  });
  return { failed: () => failed };
}

/**
 * The page's poll that would show its place (at the draw, when a whole line asks at once) answers
 * 503 instead, once.
 */
async function failPollShowingPlace(page: Page): Promise<() => boolean> {
  let failed = false;
  await page.route("**/api/drops/*/queue/me", async (route) => {
    if (failed) return route.continue();
    const response = await route.fetch();
    const mine = (await response.json().catch(() => ({}))) as { status?: string; position?: number };
    if (mine.position === undefined && mine.status !== "admitted") return route.fulfill({ response });
    failed = true;
    await route.fulfill({
      status: 503,
      json: { error: { code: "UNAVAILABLE", message: "The service is busy." } },
    });
  });
  return () => failed;
}

/** The page reports itself hidden, as a tab in the background does. */
async function hide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

test("a pre-queue of five: places as the proof says, let in one by one, each claims with its pass", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await warmUp(request);
  // A minute out (the pre-queue opens at once): time for five pages to load and join on a busy
  // two-core machine (15 s here). Then the admin moves the start in, and the pages follow.
  const scheduledAt = Date.now() + 60_000;
  const drop = await createDrop(request, {
    name: "E2E waiting room",
    totalStock: SHOPPERS,
    maxPerShopper: 1,
    botDefence: "off",
    startsAt: new Date(scheduledAt).toISOString(),
    waitingRoom: { enabled: true, admitPerMinute: RATE, prequeueMinutes: 1, passMinutes: 2 },
  });

  const contexts = await Promise.all(Array.from({ length: SHOPPERS }, () => browser.newContext()));
  try {
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(pages.map((p) => p.goto(`/drops/${drop.id}`)));
    // Before the start: the pre-queue, whose order is drawn at the start.
    for (const page of pages) {
      await expect(page.getByTestId("join-queue")).toBeEnabled({ timeout: 15_000 });
      await page.getByTestId("join-queue").click();
      await expect(queueState(page)).toContainText("Your place will be drawn at random at");
    }
    expect(Date.now(), "everyone joined the pre-queue before the start").toBeLessThan(scheduledAt);
    const shoppers = await Promise.all(pages.map(tabShopper));
    // Each shopper's ticket: joining again answers the same one.
    const tickets = await Promise.all(
      shoppers.map(async (s) => {
        const res = await request.post(`/api/drops/${drop.id}/queue`, {
          headers: { authorization: `Bearer ${s.token}` },
        });
        expect(res.status()).toBe(200);
        return ((await res.json()) as { ticket: { id: string } }).ticket.id;
      }),
    );

    // The start, moved to 3 s from now: the five pages learn it with the stock, and each asks for
    // its place again (a pre-queue's page would otherwise ask next at the old start's draw).
    const moved = await request.patch(`/api/admin/drops/${drop.id}`, {
      headers: admin,
      data: { startsAt: new Date(Date.now() + 3_000).toISOString(), endsAt: drop.endsAt },
    });
    expect(moved.status(), await moved.text()).toBe(200);
    const startsAt = Date.parse(((await moved.json()) as { drop: Drop }).drop.startsAt);
    // Every page's poll that shows its place fails, as at a draw that overloads the servers: each
    // asks again and still gets in at its turn (SWR alone would time its next poll from the answer
    // before the failure: the draw's, 20 s on). When each page's pass shows:
    const placeFailed = await Promise.all(pages.map(failPollShowingPlace));
    const passShown = pages.map((page) =>
      page
        .getByTestId("queue-pass")
        .waitFor({ timeout: 120_000 })
        .then(
          () => Date.now(),
          () => Number.POSITIVE_INFINITY, // never shown: the check below says which
        ),
    );

    // At the start (and once every ticket is surely in: 21 s), the order is drawn and published.
    let order: string[] = [];
    await expect
      .poll(
        async () => {
          const proof = (await (await request.get(`/api/drops/${drop.id}/queue/proof`)).json()) as {
            revealed: { order: string[] } | null;
          };
          order = proof.revealed?.order ?? [];
          return order.length;
        },
        { timeout: Math.max(0, startsAt - Date.now()) + 40_000, intervals: [1_000] },
      )
      .toBe(SHOPPERS);
    expect([...order].sort()).toEqual([...tickets].sort());

    // Live now: a claim without a pass takes nothing.
    const bare = await request.post(`/api/drops/${drop.id}/claims`, {
      headers: { authorization: `Bearer ${shoppers[0]!.token}` },
    });
    expect(bare.status()).toBe(428);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe("QUEUE_REQUIRED");
    const byPlace = order.map((ticket) => pages[tickets.indexOf(ticket)]!);

    // Each is let in at its turn, in the proof's order, and claims with its pass.
    const passEnds: number[] = [];
    let failedPoll: { failed: () => boolean } | undefined;
    for (const [i, page] of byPlace.entries()) {
      if (i === 3)
        // Its pass below comes after a failed poll (the page polls at its turn, 12 s after the first's).
        await expect
          .poll(failedPoll!.failed, { message: "the hidden page polled its place", timeout: 30_000 })
          .toBe(true);
      await expect(page.getByTestId("queue-pass")).toBeVisible({ timeout: 30_000 });
      // The pass runs passMinutes from the turn the server gave (read before the claims sell out
      // the drop, when every place is told so instead).
      const shopper = shoppers[pages.indexOf(page)]!;
      const mine = await request.get(`/api/drops/${drop.id}/queue/me`, {
        headers: { authorization: `Bearer ${shopper.token}` },
      });
      passEnds.push(Date.parse(((await mine.json()) as { pass: { expiresAt: string } }).pass.expiresAt));
      // The last is still in line when the first gets in (its turn is 4 turns later), told how many
      // are ahead. (A page asks for its place up to 5 s after it shows, so a next one may learn of
      // its place and its turn at once.)
      if (i === 0) {
        const last = byPlace.at(-1)!;
        await expect(queueState(last)).toContainText("ahead of you", { timeout: 10_000 });
        // A reload in line keeps the place, and the page keeps asking for it: its pass shows below,
        // at its turn 16 s after the first.
        await last.reload();
        // A tab in the background whose next poll fails (a 503) asks again, and gets in at its
        // turn 12 s after the first: SWR alone would keep the error and ask only once the tab is
        // shown. Hidden first: a poll failed while visible would be retried by SWR on the old hook
        // too.
        await hide(byPlace[3]!);
        failedPoll = await failNextPoll(byPlace[3]!);
      }
      await claimButton(page).click();
      await expect(page.getByTestId("hold")).toBeVisible();
    }
    // The server let them in one every 60 / RATE seconds, in that order.
    for (let i = 1; i < passEnds.length; i++)
      expect(
        Math.abs(passEnds[i]! - passEnds[i - 1]! - 60_000 / RATE),
        `place ${i + 1} after place ${i}`,
      ).toBeLessThanOrEqual(1);
    // And each page showed its pass within a few seconds of its turn, its failed polls and all (the
    // first's turn is the draw itself, whose places show spread over 5 s).
    expect(
      placeFailed.map((failed) => failed()),
      "every page's place poll failed once",
    ).toEqual(pages.map(() => true));
    for (const [i, page] of byPlace.entries()) {
      if (i === 0) continue;
      const turn = passEnds[i]! - 2 * 60_000; // passMinutes
      const late = (await passShown[pages.indexOf(page)]!) - turn;
      expect(late, `place ${i + 1}'s pass shown after its turn (ms)`).toBeLessThanOrEqual(8_000);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
