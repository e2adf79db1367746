// Flags of `npm run race`, parsed and checked once; a bad flag is a usage error (exit 2), not a crash.
import { parseArgs } from "node:util";
import { dropIdSchema } from "@/lib/schemas/ids";

export type RaceOptions = {
  url: string;
  adminToken?: string;
  stock: number;
  shoppers: number;
  dups: number;
  concurrency: number;
  drop?: string;
  maxPerShopper: number;
  json: boolean;
  startDelayMs: number;
  /** "storm": rehearse locally on a failing database (scripts/race/storm.ts) instead of --url. */
  faults?: "storm";
};

export const usage = `Usage: npm run race -- [flags]

Creates a drop (or races --drop <id>), mints shoppers, fires every claim at the start over keep-alive
connections, then audits the outcome through the public API. Exit code 1 when an invariant fails.

  --url <url>              deployment to race (default http://localhost:3000)
  --admin-token <token>    admin token to create the drop (default: $ADMIN_TOKEN)
  --stock <n>              units in the new drop (default 100)
  --shoppers <n>           guest shoppers to mint, one claim each (default 1000)
  --dups <n>               extra duplicate clicks, spread over the shoppers (default 0)
  --concurrency <n>        requests in flight, and keep-alive sockets (default 256)
  --drop <id>              race an existing drop instead of creating one
  --max-per-shopper <n>    limit of the new drop (default 1)
  --start-delay <seconds>  the new drop starts this long after it is created (default 2)
  --faults storm           rehearse on a failing database here: starts its own app, embedded DB and
                           fault proxy, races with clients that retry 503s, waits for the sweeper to
                           return stranded units, and prints the history checker's verdicts
  --json                   print one machine-readable object on stdout
  --help                   this text`;

export class UsageError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return n;
}

/** Returns undefined when --help was asked for. */
export function parseRaceArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): RaceOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: "string" },
        "admin-token": { type: "string" },
        stock: { type: "string" },
        shoppers: { type: "string" },
        dups: { type: "string" },
        concurrency: { type: "string" },
        drop: { type: "string" },
        "max-per-shopper": { type: "string" },
        "start-delay": { type: "string" },
        faults: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return undefined;

  const url = values.url ?? "http://localhost:3000";
  if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be an http(s) URL, got "${url}".`);
  const drop = values.drop;
  if (drop !== undefined && !dropIdSchema.safeParse(drop).success)
    throw new UsageError(`--drop "${drop}" is not a drop id.`);
  const faults = values.faults;
  if (faults !== undefined && faults !== "storm")
    throw new UsageError(`--faults knows only "storm", got "${faults}".`);
  if (faults && (values.url || drop))
    throw new UsageError("--faults storm starts its own app: leave out --url and --drop.");
  const adminToken = values["admin-token"] ?? (env.ADMIN_TOKEN || undefined);
  if (drop === undefined && !adminToken && !faults)
    throw new UsageError(
      "Creating a drop needs --admin-token or ADMIN_TOKEN (or race an existing one with --drop).",
    );
  const delay = Number(values["start-delay"] ?? "2");
  if (!Number.isFinite(delay) || delay < 0 || delay > 3600)
    throw new UsageError(`--start-delay must be seconds from 0 to 3600.`);

  return {
    url: url.replace(/\/+$/, ""),
    adminToken,
    stock: int("stock", values.stock, 100, 1, 1_000_000),
    shoppers: int("shoppers", values.shoppers, 1000, 1, 1_000_000),
    dups: int("dups", values.dups, 0, 0, 1_000_000),
    concurrency: int("concurrency", values.concurrency, 256, 1, 10_000),
    drop,
    maxPerShopper: int("max-per-shopper", values["max-per-shopper"], 1, 1, 100),
    json: values.json,
    startDelayMs: Math.round(delay * 1000),
    faults,
  };
}
