// `npm run audit`: reconciles every drop of a running DropRush (local or deployed) through the
// admin API, returns stranded units where it is safe, and prints what it found and did.
// Usage: npm run audit -- [--url http://localhost:3000] [--admin-token TOKEN]
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { url: { type: "string" }, "admin-token": { type: "string" } } });
const url = (values.url ?? process.env.DROPRUSH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const devSecrets = ".data/dev-secrets.json";
const token =
  values["admin-token"] ??
  process.env.ADMIN_TOKEN ??
  (existsSync(devSecrets)
    ? (JSON.parse(readFileSync(devSecrets, "utf8")) as { ADMIN_TOKEN?: string }).ADMIN_TOKEN
    : undefined);
if (!token) {
  console.error("No admin token: pass --admin-token or set ADMIN_TOKEN.");
  process.exit(2);
}

async function call<T>(path: string, method = "GET"): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as T & { error?: { code: string; message: string } };
  if (!res.ok)
    throw new Error(`${method} ${path} → ${res.status} ${body.error?.code}: ${body.error?.message}`);
  return body;
}

type Report = {
  dropId: string;
  totalStock: number;
  remainingStock: number;
  held: number;
  confirmed: number;
  unaccounted: number;
  action: string;
  note: string;
};
const { drops } = await call<{ drops: { id: string }[] }>("/api/admin/drops");
const rows: Report[] = [];
for (const drop of drops)
  rows.push((await call<{ report: Report }>(`/api/admin/drops/${drop.id}/audit`, "POST")).report);

console.table(
  rows.map(({ dropId, totalStock, remainingStock, held, confirmed, unaccounted, action }) => ({
    dropId,
    totalStock,
    remainingStock,
    held,
    confirmed,
    unaccounted,
    action,
  })),
);
for (const r of rows.filter((r) => r.action !== "none")) console.log(`${r.dropId}: ${r.note}`);
process.exit(rows.some((r) => r.action === "anomaly") ? 1 : 0);
