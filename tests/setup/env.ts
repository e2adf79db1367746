import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Secrets and the table name every test process uses (unit tests read them through lib/env.ts too).
process.env.DYNAMODB_TABLE = "droprush-test";
process.env.ADMIN_TOKEN = "test-admin-token-0123456789";
process.env.SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";
// Mails land in a folder of this test file's own (lib/mail/send.ts, "outbox"): files run side by
// side and mail the same addresses. A folder given from outside is kept.
const ownOutbox = join(tmpdir(), "droprush-outbox-");
if (!process.env.MAIL_OUTBOX_DIR || process.env.MAIL_OUTBOX_DIR.startsWith(ownOutbox))
  process.env.MAIL_OUTBOX_DIR = `${ownOutbox}${process.pid}-${randomUUID()}`;
