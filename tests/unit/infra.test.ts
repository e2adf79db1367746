// infra/: the CDK app synthesised once, offline. Its table is the app's own definition (lib/db/table.ts),
// cdk-nag's AWS Solutions checks pass, and the role Vercel assumes is allowed exactly the DynamoDB
// actions the app's code sends, read from that code.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { droprushApp } from "@/infra/droprush-app";
import { DropRushStack } from "@/infra/droprush-stack";
import { settingsFrom } from "@/infra/settings";
import { tableDefinition, ttlAttribute } from "@/lib/db/table";
import { scanApp } from "./dynamodb-calls";

const context = { vercelTeam: "example-team", vercelProject: "droprush" };
/** ensureTable (lib/db/connect.ts) creates a local or test table; infra creates the deployed one. */
const setupOnly = ["ensureTable", "enableTtl"];

let assembly: CloudAssembly | undefined;
let synthError: unknown;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "droprush-cdk-"));
  const { app } = droprushApp({ context, outdir });
  // Every option set, in the same app and the same one synth (nag checks this stack too).
  new DropRushStack(
    app,
    "DropRushWithOptions",
    settingsFrom({
      ...context,
      tableName: "droprush-launch",
      oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.vercel.com/example-team",
      warmReads: "12000",
      warmWrites: "4000",
      alarmEmail: "ops@example.com",
    }),
  );
  try {
    assembly = app.synth();
  } catch (err) {
    synthError = err;
  }
}, 120_000);

const templateOf = (stack: string) => Template.fromJSON(assembly!.getStackByName(stack).template);
const tableOf = (stack: string) => Object.values(templateOf(stack).findResources("AWS::DynamoDB::Table"))[0]!;
const byName = <T extends { AttributeName?: string; IndexName?: string }>(list: T[] | undefined) =>
  [...(list ?? [])].sort((a, b) =>
    String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
  );

describe("infra: the CDK app", () => {
  it("synthesises with no cdk-nag finding left unacknowledged and no error", () => {
    expect(synthError).toBeUndefined();
    const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8"));
    expect(report.pluginReports.flatMap((r: { violations: unknown[] }) => r.violations)).toEqual([]);
    for (const stack of assembly!.stacks)
      expect(stack.messages.filter((m) => m.level === "error")).toEqual([]);
  });

  it("builds the table from the app's definition: keys, attributes, indexes, TTL", () => {
    const definition = tableDefinition("droprush");
    const { Properties: table, DeletionPolicy } = tableOf("DropRush");
    expect(table.TableName).toBe(definition.TableName);
    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect(byName(table.AttributeDefinitions)).toEqual(byName(definition.AttributeDefinitions));
    expect(byName(table.GlobalSecondaryIndexes)).toEqual(byName(definition.GlobalSecondaryIndexes));
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: ttlAttribute, Enabled: true });
    expect(table.BillingMode).toBe(definition.BillingMode);
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.DeletionProtectionEnabled).toBe(true);
    expect(DeletionPolicy).toBe("Retain");
    expect(table.WarmThroughput).toBeUndefined();
    expect(tableOf("DropRushWithOptions").Properties.WarmThroughput).toEqual({
      ReadUnitsPerSecond: 12000,
      WriteUnitsPerSecond: 4000,
    });
  });

  it("matches the reviewed template (a change to lib/db/table.ts shows here: update it with -u)", () => {
    expect(templateOf("DropRush").toJSON()).toMatchSnapshot();
  });

  it("lets the Vercel role do exactly what the app's code sends, on the table and Query on its indexes", () => {
    const { calls, references, files } = scanApp(setupOnly);
    expect(files).toContain("lib/db/batched-get.ts");
    // The table's creation runs only where ensureTable is called, and nothing the app runs calls it.
    const outside = references.filter(
      (r) => !(r.file === "lib/db/connect.ts" && setupOnly.includes(r.declaration)),
    );
    expect(outside).toEqual([]);
    const setup = calls.filter((c) => c.file === "lib/db/connect.ts" && setupOnly.includes(c.declaration));
    expect(new Set(setup.map((c) => c.action))).toEqual(
      new Set([
        "dynamodb:DescribeTable",
        "dynamodb:CreateTable",
        "dynamodb:UpdateTimeToLive",
        "dynamodb:PutItem",
      ]),
    );
    const sent = new Set(calls.filter((c) => !setup.includes(c)).map((c) => c.action));

    for (const stack of ["DropRush", "DropRushWithOptions"]) {
      const statements = Object.values(templateOf(stack).findResources("AWS::IAM::Policy")).flatMap(
        (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      );
      const actions = (s: { Action: string | string[] }) => [s.Action].flat();
      expect(new Set(statements.flatMap(actions))).toEqual(sent);
      const onIndexes = statements.filter((s) => JSON.stringify(s.Resource).includes("/index/*"));
      expect(onIndexes.flatMap(actions)).toEqual(["dynamodb:Query"]);
    }
  });

  it("is assumed only by the project's production deployments, through Vercel's OIDC issuer", () => {
    const [role] = Object.values(templateOf("DropRush").findResources("AWS::IAM::Role"));
    expect(role!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "oidc.vercel.com/example-team:aud": "https://vercel.com/example-team",
            "oidc.vercel.com/example-team:sub": "owner:example-team:project:droprush:environment:production",
          },
        },
      }),
    ]);
    templateOf("DropRush").hasResourceProperties("AWS::IAM::OIDCProvider", {
      Url: "https://oidc.vercel.com/example-team",
      ClientIdList: ["https://vercel.com/example-team"],
    });
    // An account's existing provider for the issuer is used, not created again.
    templateOf("DropRushWithOptions").resourceCountIs("AWS::IAM::OIDCProvider", 0);
  });

  it("alarms on throttled requests and system errors, mailed when an address is given", () => {
    const alarms = (stack: string) =>
      Object.values(templateOf(stack).findResources("AWS::CloudWatch::Alarm"));
    const metricNames = (stack: string) =>
      alarms(stack).map((a) => [
        ...new Set(
          (a.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap((m) =>
            m.MetricStat ? [m.MetricStat.Metric.MetricName] : [],
          ),
        ),
      ]);
    expect(metricNames("DropRush")).toEqual([["ThrottledRequests"], ["SystemErrors"]]);
    expect(alarms("DropRush").every((a) => a.Properties.AlarmActions === undefined)).toBe(true);
    expect(alarms("DropRushWithOptions").every((a) => a.Properties.AlarmActions?.length === 1)).toBe(true);
    templateOf("DropRushWithOptions").hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
    });
  });

  it("refuses a deployment whose Vercel team or project is missing", () => {
    expect(() => settingsFrom({ vercelProject: "droprush" })).toThrow(/vercelTeam is required/);
    expect(() => settingsFrom({ ...context, vercelTeam: "Not A Slug" })).toThrow(/vercelTeam/);
    expect(() => settingsFrom({ ...context, warmWrites: "lots" })).toThrow(/warmWrites/);
    expect(settingsFrom(context)).toEqual({
      tableName: "droprush",
      vercel: { team: "example-team", project: "droprush", environment: "production" },
    });
  });
});
