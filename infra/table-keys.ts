import type { CreateTableCommandInput, KeySchemaElement, Projection } from "@aws-sdk/client-dynamodb";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";

/** The fields of a CreateTable definition the template is built from: any other fails the synth. */
const tableFields = [
  "TableName",
  "BillingMode",
  "AttributeDefinitions",
  "KeySchema",
  "GlobalSecondaryIndexes",
];
const indexFields = ["IndexName", "KeySchema", "Projection"];

function assertMapped(part: object, fields: string[], where: string): void {
  const unmapped = Object.keys(part).filter((field) => !fields.includes(field));
  if (unmapped.length > 0)
    throw new Error(`infra/table-keys.ts does not map ${unmapped.join(", ")} of ${where} yet`);
}

const attributeTypes = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
} as const;

const projectionTypes = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
  INCLUDE: dynamodb.ProjectionType.INCLUDE,
} as const;

/**
 * The table's keys and indexes in the CDK's terms, read from the app's own definition
 * (lib/db/table.ts `tableDefinition`), so the template cannot drift from what the app creates locally.
 */
export function tableKeys(definition: CreateTableCommandInput) {
  assertMapped(definition, tableFields, "lib/db/table.ts's definition");
  if (definition.BillingMode !== "PAY_PER_REQUEST")
    throw new Error("The table is on-demand (PAY_PER_REQUEST): infra sets no provisioned capacity");

  const attribute = (name: string | undefined): dynamodb.Attribute => {
    const type = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    if (name === undefined || type === undefined) throw new Error(`Key attribute ${name} has no definition`);
    return { name, type: attributeTypes[type] };
  };
  const keyOf = (schema: KeySchemaElement[] | undefined) => {
    const hash = schema?.find((k) => k.KeyType === "HASH")?.AttributeName;
    const range = schema?.find((k) => k.KeyType === "RANGE")?.AttributeName;
    return { partitionKey: attribute(hash), ...(range === undefined ? {} : { sortKey: attribute(range) }) };
  };
  const projectionOf = (projection: Projection | undefined) => ({
    projectionType: projectionTypes[projection?.ProjectionType ?? "ALL"],
    ...(projection?.NonKeyAttributes ? { nonKeyAttributes: projection.NonKeyAttributes } : {}),
  });

  return {
    ...keyOf(definition.KeySchema),
    globalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map(
      (gsi): dynamodb.GlobalSecondaryIndexProps => {
        assertMapped(gsi, indexFields, `the index ${gsi.IndexName}`);
        if (gsi.IndexName === undefined) throw new Error("A global secondary index has no name");
        return { indexName: gsi.IndexName, ...keyOf(gsi.KeySchema), ...projectionOf(gsi.Projection) };
      },
    ),
  };
}
