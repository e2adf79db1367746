// `npm run bench:first-claim -- [--url http://localhost:3000] [--drop aurora-runner] [--tabs 3]`:
// what a newcomer waits for on a server that has just started. Each tab is a new browser (a new
// shopper) that opens the drop's page, presses Claim as soon as it can, and reports the time from
// the page's first request to the claim's answer. The first tab pays for anything not compiled or
// warmed yet; the later ones show the steady state. Claims a unit per tab on the drop.
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    drop: { type: "string", default: "aurora-runner" },
    tabs: { type: "string", default: "3" },
  },
});
const url = values.url.replace(/\/$/, "");
const claimPath = new RegExp(`/api/drops/${values.drop}/claims$`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  for (let tab = 1; tab <= Number(values.tabs); tab++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`${url}/drops/${values.drop}`, { waitUntil: "commit", timeout: 180_000 });
    const firstByte = Date.now() - start;
    const claim = page.getByRole("button", { name: "Claim", exact: true });
    await claim.waitFor({ state: "visible", timeout: 180_000 });
    await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await claim.elementHandle(), {
      timeout: 180_000,
    });
    const ready = Date.now() - start;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && claimPath.test(r.url()), {
        timeout: 180_000,
      }),
      claim.click(),
    ]);
    const answered = Date.now() - start;
    console.log(
      `tab ${tab}: first byte ${firstByte} ms, Claim enabled ${ready} ms, claim answered ${answered} ms (${answer.status()})`,
    );
    await context.close();
  }
} finally {
  await browser.close();
}
