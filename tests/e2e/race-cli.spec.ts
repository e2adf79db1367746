import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN, E2E_BASE_URL } from "./env";

// The race CLI, end to end against the e2e server: no browser, just the CLI a brand would run.
function race(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["scripts/race.ts", "--url", E2E_BASE_URL, "--json", ...args], {
    env: { ...process.env, ADMIN_TOKEN: E2E_ADMIN_TOKEN },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

test("npm run race: 25 units, 400 shoppers and 100 duplicate clicks pass the audit", async () => {
  test.setTimeout(120_000);
  const { code, stdout, stderr } = await race([
    "--stock",
    "25",
    "--shoppers",
    "400",
    "--dups",
    "100",
    "--concurrency",
    "64",
    "--start-delay",
    "1",
  ]);
  const report = JSON.parse(stdout) as {
    ok: boolean;
    units: number;
    winners: number;
    attempts: number;
    serverErrors: number;
    stock: { before: number; after?: number };
    invariants: { name: string; ok: boolean; detail: string }[];
  };
  for (const i of report.invariants) expect.soft(i.ok, `${i.name}: ${i.detail}`).toBe(true);
  expect(code, stderr).toBe(0);
  expect(report.ok).toBe(true);
  expect(report.attempts).toBe(500);
  expect(report.units).toBe(25);
  expect(report.winners).toBe(25);
  expect(report.serverErrors).toBe(0);
  expect(report.stock).toEqual({ before: 25, after: 0 });
});

test("npm run race: a bad flag is a usage error (exit 2), not a race", async () => {
  const { code, stderr } = await race(["--stock", "zero"]);
  expect(code).toBe(2);
  expect(stderr).toContain("--stock must be a whole number");
});
