// Where the app's DynamoDB client gets its credentials (lib/db/connect.ts): on AWS with AWS_ROLE_ARN,
// from the Vercel deployment's OIDC token (no stored keys); with a local endpoint, fixed dummy ones.
import { describe, expect, it } from "vitest";
import { connect } from "@/lib/db/connect";

const roleArn = "arn:aws:iam::123456789012:role/droprush";

describe("the DynamoDB client's credentials", () => {
  it("on AWS with a role, are asked of Vercel's OIDC token (absent outside a Vercel function)", async () => {
    const client = connect({ region: "eu-west-1", roleArn });
    await expect(client.config.credentials()).rejects.toThrow(/x-vercel-oidc-token/);
  });

  it("with a local endpoint, stay the emulator's fixed ones whatever the role", async () => {
    const client = connect({ endpoint: "http://127.0.0.1:8000", region: "us-east-1", roleArn });
    await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: "local" });
  });
});
