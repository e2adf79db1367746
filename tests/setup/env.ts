import { inject } from "vitest";

process.env.DYNAMODB_ENDPOINT = inject("dynamodbEndpoint");
process.env.DYNAMODB_TABLE = "droprush-test";
process.env.ADMIN_TOKEN = "test-admin-token-0123456789";
process.env.SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";
