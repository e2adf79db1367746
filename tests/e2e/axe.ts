import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";
import type * as Axe from "axe-core";

// Accessibility scans with axe-core, run in the page itself: injected once per document, a scan
// takes about 0.2 s here. @axe-core/playwright took 1.3 s a scan: it merges frames' results in a
// blank page it opens each time, and these pages have no frames.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

declare global {
  interface Window {
    axe?: typeof Axe;
  }
}

/** The page's serious and critical violations, each as "rule (impact): targets". */
export async function seriousViolations(page: Page): Promise<string[]> {
  // axe is injected into the top document only: a frame would go unscanned, so none may be there.
  expect(
    page.frames().map((f) => f.url()),
    "frames the scan would miss",
  ).toHaveLength(1);
  // Playwright's evaluate is not the page's own script: its Content-Security-Policy does not apply.
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const results = await window.axe!.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}
