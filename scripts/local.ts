// Shared by the local entry points (dev, start:local): secrets, the database, and the Next child.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect, ensureTable } from "@/lib/db/connect";
import { startLocalDb } from "@/lib/db/local-db";

export const DATA_DIR = join(process.cwd(), ".data");

/** Where `npm run dev` keeps its secrets (the admin token among them). */
export const DEV_SECRETS_FILE = join(DATA_DIR, "dev-secrets.json");

/** Dev secrets are generated once and kept in .data/ so tabs and scripts survive a restart. */
export function devSecrets({ persist }: { persist: boolean }): {
  ADMIN_TOKEN: string;
  SESSION_SECRET: string;
  CRON_SECRET: string;
  DRAW_SIGNING_KEY: string;
} {
  const file = DEV_SECRETS_FILE;
  const saved =
    persist && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
  const secrets = {
    // A saved token from before production refused short ones (< 32 characters) is replaced.
    ADMIN_TOKEN:
      process.env.ADMIN_TOKEN ||
      (saved.ADMIN_TOKEN && saved.ADMIN_TOKEN.length >= 32 ? saved.ADMIN_TOKEN : undefined) ||
      `admin-${randomBytes(16).toString("hex")}`,
    SESSION_SECRET: process.env.SESSION_SECRET || saved.SESSION_SECRET || randomBytes(32).toString("hex"),
    CRON_SECRET: process.env.CRON_SECRET || saved.CRON_SECRET || randomBytes(16).toString("hex"),
    // Signs draw entries' receipts: kept, so a receipt from yesterday's run still verifies.
    DRAW_SIGNING_KEY:
      process.env.DRAW_SIGNING_KEY || saved.DRAW_SIGNING_KEY || randomBytes(32).toString("hex"),
  };
  if (persist) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** DYNAMODB_ENDPOINT set → use it (table created if missing); otherwise start the embedded DB. */
export async function startDatabase({
  persistPath,
}: {
  persistPath?: string;
}): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const tableName = process.env.DYNAMODB_TABLE || "droprush";
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) {
    const client = connect({ endpoint: external, region: process.env.AWS_REGION || "us-east-1" });
    await ensureTable(client, tableName);
    client.destroy();
    return { endpoint: external, stop: async () => undefined };
  }
  if (persistPath) mkdirSync(persistPath, { recursive: true });
  return startLocalDb({ path: persistPath, tableName });
}

/** Runs `next <args>` with the given environment; resolves with its exit code. */
export function runNext(args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(join(process.cwd(), "node_modules", ".bin", "next"), args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

/** Lines in a box, so they stand out among the servers' own output. */
export function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  const row = (l: string) => `│ ${l.padEnd(width)} │`;
  console.log(
    ["", `┌${"─".repeat(width + 2)}┐`, ...lines.map(row), `└${"─".repeat(width + 2)}┘`, ""].join("\n"),
  );
}

/**
 * Resolves once `url` answers 2xx (true), or with `anyAnswer` once it answers at all (the server
 * listens); false after `timeoutMs` without one.
 */
export async function waitUntilUp(
  url: string,
  { timeoutMs = 180_000, anyAnswer = false } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(30_000) })
      .then((r) => anyAnswer || r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, anyAnswer ? 200 : 1000));
  }
  return false;
}

/**
 * The local stand-in for Vercel Cron: sweeps expired holds every few seconds while the server runs,
 * one sweep at a time (a long one, a big drop's paced audit, is not joined by the next).
 */
export function startSweeper({
  url,
  secret,
  everyMs = 5000,
}: {
  url: string;
  secret: string;
  everyMs?: number;
}): void {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    fetch(`${url}/api/cron/release-expired`, {
      method: "POST",
      headers: { Authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(300_000), // Vercel's longest function
    })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined)
      .finally(() => (sweeping = false));
  }, everyMs);
  timer.unref();
}

/**
 * Stops this process, its Next child and the embedded database when stdin reaches its end. Opt-in
 * (EXIT_ON_STDIN_EOF=1) for a parent that holds our stdin as a pipe, like Playwright's webServer:
 * if that parent is killed outright (SIGTERM/SIGKILL of the runner, a CI timeout) it cannot stop
 * us, but its end of the pipe closes. Not the default: a server started with `&` or `< /dev/null`
 * sees the end of stdin at once.
 */
export function exitOnStdinEof(): void {
  if (process.env.EXIT_ON_STDIN_EOF !== "1") return;
  // No logging here: stdout is usually a pipe to the same dead parent.
  process.stdin.once("end", () => process.kill(process.pid, "SIGTERM")); // runNext forwards it to Next
  process.stdin.on("error", () => undefined);
  process.stdin.resume();
}
