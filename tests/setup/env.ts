// Secrets and the table name every test process uses (unit tests read them through lib/env.ts too).
process.env.DYNAMODB_TABLE = "droprush-test";
process.env.ADMIN_TOKEN = "test-admin-token-0123456789";
process.env.SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";
