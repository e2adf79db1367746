// One database for the whole vitest run: the embedded dynalite in memory by default, or AWS's
// DynamoDB Local (Java) with TEST_DB=dynamodb-local, so the same tests prove both emulators.
import type { TestProject } from "vitest/node";
import { startLocalDb } from "@/lib/db/local-db";
import { startDynamoDbLocal } from "@/scripts/dynamodb-local";

export const TEST_TABLE = "droprush-test";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const db =
    process.env.TEST_DB === "dynamodb-local"
      ? await startDynamoDbLocal(TEST_TABLE)
      : await startLocalDb({ tableName: TEST_TABLE });
  project.provide("dynamodbEndpoint", db.endpoint);
  return () => db.stop();
}
