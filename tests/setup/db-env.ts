import { inject } from "vitest";

// Integration tests only: the database the global setup started (tests/setup/global-db.ts).
process.env.DYNAMODB_ENDPOINT = inject("dynamodbEndpoint");
// Checkout without payment unless a file says otherwise: the claim, hold and order tests are about
// stock and orders. The payments tests name their provider at their top (PAYMENTS=local|stripe),
// as the e2e server runs the app's own default, local.
process.env.PAYMENTS ??= "off";
