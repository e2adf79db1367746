import { inject } from "vitest";

// Integration tests only: the database the global setup started (tests/setup/global-db.ts).
process.env.DYNAMODB_ENDPOINT = inject("dynamodbEndpoint");
