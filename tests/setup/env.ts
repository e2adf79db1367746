import { tmpdir } from "node:os";
import { join } from "node:path";

// Secrets and the table name every test process uses (unit tests read them through lib/env.ts too).
process.env.DYNAMODB_TABLE = "droprush-test";
process.env.ADMIN_TOKEN = "test-admin-token-0123456789";
process.env.SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";
// Order confirmation mails land in a folder of this run's own (lib/mail/send.ts, "outbox").
process.env.MAIL_OUTBOX_DIR ??= join(tmpdir(), `droprush-outbox-${process.pid}`);
