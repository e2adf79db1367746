import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

// Secrets and the table name every test process uses (unit tests read them through lib/env.ts too).
process.env.DYNAMODB_TABLE = "droprush-test";
process.env.ADMIN_TOKEN = "test-admin-token-0123456789";
process.env.SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";
// Mails land in a folder of this test file's own (lib/mail/send.ts, "outbox"): files run side by
// side and mail the same addresses. It is removed once the file is done; a folder given from
// outside is kept.
const ownOutbox = join(tmpdir(), "droprush-outbox-");
if (!process.env.MAIL_OUTBOX_DIR || process.env.MAIL_OUTBOX_DIR.startsWith(ownOutbox)) {
  const outbox = `${ownOutbox}${process.pid}-${randomUUID()}`;
  process.env.MAIL_OUTBOX_DIR = outbox;
  afterAll(() => rm(outbox, { recursive: true, force: true }));
}
