// `npm run db:create-table`: creates the table (idempotently) where DYNAMODB_ENDPOINT or the AWS
// default configuration points: DynamoDB Local, dynalite or real DynamoDB.
import { connect, ensureTable } from "@/lib/db/connect";

const tableName = process.env.DYNAMODB_TABLE || "droprush";
const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1";

const client = connect({ endpoint, region });
const result = await ensureTable(client, tableName);
console.log(
  `Table ${tableName} ${result === "created" ? "created" : "already exists"} at ${endpoint ?? `AWS ${region}`}.`,
);
client.destroy();
