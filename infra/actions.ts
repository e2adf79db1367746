/**
 * Every DynamoDB action the deployed app sends, and nothing else: the role Vercel assumes is allowed
 * exactly these (tests/unit/infra.test.ts reads the commands the code under lib/ and app/ sends and
 * compares). The table's creation is not among them: infra owns the deployed table, and ensureTable
 * (lib/db/connect.ts) runs only in the local scripts and the tests.
 */
export const appActions = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

/** Of those, the ones DynamoDB accepts on an index (the rest act on the table's items). */
export const indexActions = appActions.filter((action) => action === "dynamodb:Query");
