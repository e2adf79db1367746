// lib/db/connect.ts: a client of a local emulator sends a fixed signature and no SDK user agent
// (the emulator checks neither); a client of AWS keeps both.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { expect, it } from "vitest";
import { connect } from "@/lib/db/connect";
import { env } from "@/lib/env";

it("a local client's requests carry a fixed signature and no SDK user agent, and are answered", async () => {
  const client = connect({ endpoint: env().DYNAMODB_ENDPOINT, region: "us-east-1" });
  const sent: Record<string, string>[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: "deserialize", name: "recordHeaders" }, // runs on the signed request
  );
  expect((await client.config.signer()).constructor.name).toBe("Object"); // ours, not SigV4
  await client.send(new GetCommand({ TableName: env().DYNAMODB_TABLE, Key: { pk: "HEALTH" } }));
  client.destroy();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.authorization).toMatch(/Signature=0$/);
  expect(sent[0]!["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
  expect(sent[0]!["x-amz-user-agent"]).toBeUndefined();
  expect(sent[0]!["user-agent"] ?? "").not.toMatch(/aws-sdk/);
});

it("a client of AWS (no endpoint) keeps the SDK's signing and user agent", async () => {
  const client = connect({ region: "us-east-1" });
  expect(client.middlewareStack.identify().join("\n")).toMatch(/getUserAgentMiddleware/);
  expect((await client.config.signer()).constructor.name).toBe("SignatureV4");
  client.destroy();
});
