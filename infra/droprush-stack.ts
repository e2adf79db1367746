import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import { tableDefinition, ttlAttribute } from "@/lib/db/table";
import { appActions, indexActions } from "./actions";
import type { Settings } from "./settings";
import { tableKeys } from "./table-keys";

/** DropRush's AWS side: its one table, the role its Vercel deployments assume, and the table's alarms. */
export class DropRushStack extends Stack {
  private readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, settings: Settings, props?: StackProps) {
    super(scope, id, props);
    const { globalSecondaryIndexes, ...keys } = tableKeys(tableDefinition(settings.tableName));

    this.table = new dynamodb.Table(this, "Table", {
      tableName: settings.tableName,
      ...keys,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      warmThroughput: settings.warmThroughput,
    });
    for (const index of globalSecondaryIndexes) this.table.addGlobalSecondaryIndex(index);

    const role = this.vercelRole(settings);
    this.alarms(settings.alarmEmail);

    new CfnOutput(this, "AwsRoleArn", { value: role.roleArn, description: "Vercel's AWS_ROLE_ARN" });
    new CfnOutput(this, "DynamoDbTable", {
      value: this.table.tableName,
      description: "Vercel's DYNAMODB_TABLE",
    });
    new CfnOutput(this, "AwsRegion", { value: this.region, description: "Vercel's AWS_REGION" });
  }

  /**
   * The role a function of the Vercel project's deployments assumes with its OIDC token (no stored
   * keys): allowed the app's actions on this table and Query on its indexes, nothing else.
   */
  private vercelRole({ vercel, oidcProviderArn }: Settings): iam.Role {
    const issuer = `oidc.vercel.com/${vercel.team}`; // the team's issuer mode
    const audience = `https://vercel.com/${vercel.team}`;
    const provider = oidcProviderArn
      ? iam.OidcProviderNative.fromOidcProviderArn(this, "VercelOidc", oidcProviderArn)
      : new iam.OidcProviderNative(this, "VercelOidc", { url: `https://${issuer}`, clientIds: [audience] });
    const role = new iam.Role(this, "VercelRole", {
      description: `DropRush on Vercel: ${vercel.team}/${vercel.project} (${vercel.environment})`,
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: {
          [`${issuer}:aud`]: audience,
          [`${issuer}:sub`]: `owner:${vercel.team}:project:${vercel.project}:environment:${vercel.environment}`,
        },
      }),
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: [...appActions], resources: [this.table.tableArn] }));
    const indexes = `${this.table.tableArn}/index/*`;
    role.addToPolicy(new iam.PolicyStatement({ actions: indexActions, resources: [indexes] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.table.node.defaultChild as dynamodb.CfnTable)}.Arn>/index/*]`,
      reason: "Query on this table's own indexes: every index of it, and no other table's.",
    });
    return role;
  }

  /**
   * Throttled requests (the hot partition past what it serves, shoppers answered 503) and DynamoDB's
   * own errors, on the operations the app sends, any in a minute; mailed when an address is given.
   */
  private alarms(email: string | undefined): void {
    const operations = appActions.map((action) => action.replace("dynamodb:", "") as dynamodb.Operation);
    const period = Duration.minutes(1);
    const alarms = [
      new cloudwatch.Alarm(this, "ThrottledRequests", {
        alarmDescription: `Requests to ${this.table.tableName} throttled: shoppers got 503s`,
        metric: this.table.metricThrottledRequestsForOperations({ operations, period }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, "SystemErrors", {
        alarmDescription: `DynamoDB answered 500 to requests on ${this.table.tableName}`,
        metric: this.table.metricSystemErrorsForOperations({ operations, period }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (email === undefined) return;
    const topic = new sns.Topic(this, "Alarms", { enforceSSL: true });
    topic.addSubscription(new subscriptions.EmailSubscription(email));
    for (const alarm of alarms) alarm.addAlarmAction(new actions.SnsAction(topic));
  }
}
