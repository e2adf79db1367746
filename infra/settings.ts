/** What one deployment of the stack is given (CDK context: `-c name=value`, or cdk's own `--context`). */
export type Settings = {
  /** The app's DYNAMODB_TABLE. */
  tableName: string;
  /** Whose deployments may assume the role: the Vercel team's slug, the project's name and the environment. */
  vercel: { team: string; project: string; environment: string };
  /** An IAM OIDC provider for the team's issuer that the account already has (one per issuer and account). */
  oidcProviderArn?: string;
  /** Launch day: read and write units per second the table serves at once, paid for in advance. */
  warmThroughput?: { readUnitsPerSecond?: number; writeUnitsPerSecond?: number };
  /** Where alarms are mailed (an SNS topic with this subscription); without it they only show in CloudWatch. */
  alarmEmail?: string;
};

type Context = Record<string, unknown>;

const slug = /^[a-z0-9][a-z0-9-]*$/; // Vercel team slugs and project names

function text(context: Context, name: string, pattern?: RegExp): string | undefined {
  const value = context[name];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || (pattern && !pattern.test(value)))
    throw new Error(`Context ${name}=${String(value)} is not valid${pattern ? ` (${pattern})` : ""}`);
  return value;
}

function required(context: Context, name: string, pattern: RegExp): string {
  const value = text(context, name, pattern);
  if (value === undefined) throw new Error(`Context ${name} is required: -c ${name}=… (infra/README.md)`);
  return value;
}

function units(context: Context, name: string): number | undefined {
  const value = text(context, name, /^[1-9]\d*$/);
  return value === undefined ? undefined : Number(value);
}

/** The settings from the CDK context, refused with a readable message when one is missing or malformed. */
export function settingsFrom(context: Context): Settings {
  const readUnitsPerSecond = units(context, "warmReads");
  const writeUnitsPerSecond = units(context, "warmWrites");
  const oidcProviderArn = text(context, "oidcProviderArn", /^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/.+$/);
  const alarmEmail = text(context, "alarmEmail", /^[^@\s]+@[^@\s]+$/);
  return {
    // The same names lib/env.ts accepts for DYNAMODB_TABLE, and its default.
    tableName: text(context, "tableName", /^[A-Za-z0-9_.-]{3,255}$/) ?? "droprush",
    vercel: {
      team: required(context, "vercelTeam", slug),
      project: required(context, "vercelProject", slug),
      environment: text(context, "vercelEnvironment", /^(production|preview|development)$/) ?? "production",
    },
    ...(oidcProviderArn ? { oidcProviderArn } : {}),
    ...(readUnitsPerSecond || writeUnitsPerSecond
      ? {
          warmThroughput: {
            ...(readUnitsPerSecond ? { readUnitsPerSecond } : {}),
            ...(writeUnitsPerSecond ? { writeUnitsPerSecond } : {}),
          },
        }
      : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
