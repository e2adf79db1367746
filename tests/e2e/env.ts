// Shared by playwright.config.ts (the server's environment) and the specs (the API calls).
import { tmpdir } from "node:os";
import { join } from "node:path";
export const E2E_PORT = Number(process.env.E2E_PORT || 3107);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The admin token the e2e server starts with; fixed so specs can call the admin API. */
export const E2E_ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN || "e2e-admin-token-0123456789abcdef";
/** Where the e2e server's mail goes (invites, receipts): one folder per port, read by the specs. */
export const E2E_OUTBOX_DIR = join(tmpdir(), `droprush-e2e-outbox-${E2E_PORT}`);
