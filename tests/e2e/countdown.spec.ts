import { expect, test, type Page } from "@playwright/test";
import type { Drop } from "@/lib/schemas/drop";
import { admin, claimButton, createDrop, theButton } from "./helpers";

type Seen = { firstLiveAt?: number; countdowns: string[]; labels: string[] };
declare global {
  interface Window {
    __e2e: Seen;
  }
}

/**
 * Records, from the first paint on, every countdown text and button label the page shows, and the
 * moment (this page's Date.now()) its Claim button first became enabled: catches even a flicker.
 */
async function watchDropPage(page: Page) {
  await page.addInitScript(() => {
    const seen: Seen = { countdowns: [], labels: [] };
    window.__e2e = seen;
    const check = () => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="claim-button"]');
      const label = button ? `${button.textContent}${button.disabled ? " (disabled)" : ""}` : undefined;
      if (label && seen.labels.at(-1) !== label) seen.labels.push(label);
      if (button && !button.disabled && button.textContent === "Claim" && seen.firstLiveAt === undefined)
        seen.firstLiveAt = Date.now();
      const countdown = document.querySelector('[data-testid="countdown"]')?.textContent ?? undefined;
      if (countdown && seen.countdowns.at(-1) !== countdown) seen.countdowns.push(countdown);
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

const seconds = (text: string) => text.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);

/**
 * How far the page's clock is from this process's (the server's machine), to ± the returned error:
 * the best of a few round trips. A fake clock starts at its set time when the page loads, not when
 * it was installed, so the skew asked for is not exactly the skew in effect.
 */
async function measureSkew(page: Page): Promise<{ skew: number; error: number }> {
  let best = { skew: 0, error: Infinity };
  for (let i = 0; i < 5; i++) {
    const before = Date.now();
    const pageNow = await page.evaluate(() => Date.now());
    const after = Date.now();
    if ((after - before) / 2 < best.error)
      best = { skew: pageNow - (before + after) / 2, error: (after - before) / 2 };
  }
  return best;
}

/** Waits for the flip to live; returns when it happened on the page's clock. */
async function waitForLive(page: Page, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(() => window.__e2e.firstLiveAt, undefined, {
    timeout,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

const HOUR = 60 * 60_000;

for (const skew of [0, HOUR, -HOUR]) {
  const title =
    skew === 0
      ? "a scheduled drop, moved in by the admin while its page is open, counts down and flips to live at the server's new start, then a claim succeeds"
      : `a browser clock ${skew > 0 ? "1 h ahead" : "1 h behind"} still counts down on the server's clock`;

  test(title, async ({ page, request }) => {
    // The plain case starts 50 s out, and the admin moves the start in (to 10 s) once the page is
    // open: the page follows the reschedule (the window is polled with the stock).
    const rescheduled = skew === 0;
    const lead = rescheduled ? 10_000 : 8_000;
    const drop = await createDrop(request, {
      name: "E2E countdown",
      startsAt: new Date(Date.now() + (rescheduled ? 50_000 : lead)).toISOString(),
    });
    let start = Date.parse(drop.startsAt);
    expect(drop.status).toBe("scheduled");

    // The wrong clock is installed before the page exists, so even the first render runs on it.
    if (skew !== 0) await page.clock.install({ time: Date.now() + skew });
    await watchDropPage(page);
    await page.goto(`/drops/${drop.id}`);

    // Before the start: a countdown of about the lead time, and no way to claim.
    const countdown = page.getByTestId("countdown");
    await expect(countdown).toBeVisible();
    if (rescheduled) {
      await expect(countdown).toHaveText(/^00:[1-5]\d$/);
      const res = await request.patch(`/api/admin/drops/${drop.id}`, {
        headers: admin,
        data: { startsAt: new Date(Date.now() + lead).toISOString(), endsAt: drop.endsAt },
      });
      expect(res.status(), await res.text()).toBe(200);
      start = Date.parse(((await res.json()) as { drop: Drop }).drop.startsAt);
      // Within a poll or two; what it counted before the move is not checked below.
      await expect(countdown).toHaveText(/^00:(0\d|10)$/, { timeout: 3_000 });
      await page.evaluate(() => (window.__e2e.countdowns = []));
    }
    await expect(countdown).toHaveText(/^00:(0\d|10)$/);
    const shown = seconds((await countdown.textContent()) ?? "");
    const left = Math.ceil((start - Date.now()) / 1000);
    expect(shown, `countdown ${shown}s vs ${left}s left on the server`).toBeGreaterThanOrEqual(left - 1);
    expect(shown).toBeLessThanOrEqual(left + 2);
    await expect(theButton(page)).toBeDisabled();
    await expect(theButton(page)).toHaveText("Coming soon");
    await expect(page.getByTestId("status")).toHaveText("Coming soon");

    // The flip: never before the server's start, and at most ~2 s after it (on the server's clock).
    const pageClock = await measureSkew(page);
    expect(Math.abs(pageClock.skew - skew), "the page runs on the skewed clock").toBeLessThan(5_000);
    const liveAt = (await waitForLive(page, lead + 10_000)) - pageClock.skew;
    const seen = await page.evaluate(() => window.__e2e);
    const detail = `flipped ${Math.round(liveAt - start)} ± ${pageClock.error} ms after startsAt; seen ${JSON.stringify(seen)}`;
    expect(liveAt + pageClock.error, detail).toBeGreaterThanOrEqual(start);
    expect(liveAt - start, detail).toBeLessThanOrEqual(2_000);

    // Never showed a countdown off by the browser's clock (e.g. "00:00" or "01:00:07").
    for (const text of seen.countdowns) {
      expect(text, `countdowns seen: ${seen.countdowns.join(", ")}`).toMatch(/^00:\d\d$/);
      expect(seconds(text)).toBeLessThanOrEqual(Math.ceil(lead / 1000) + 1);
    }
    expect(seen.countdowns.length, "the countdown ticked").toBeGreaterThan(1);
    expect(
      seen.labels.filter((l) => l.startsWith("Claim") && !l.endsWith("(disabled)")).length,
    ).toBeGreaterThan(0);

    await expect(countdown).toHaveCount(0);
    await expect(page.getByTestId("status")).toHaveText("Live");

    // And the server agrees it is live: the claim wins a unit.
    await claimButton(page).click();
    await expect(page.getByTestId("hold")).toBeVisible();
    await expect(page.getByTestId("claim-message")).toHaveText("");
    await expect(page.getByTestId("remaining")).toHaveText("2", { timeout: 3_000 });
  });
}
