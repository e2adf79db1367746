import { z } from "@/lib/schemas/zod";

// Read once, lazily: `next build` imports route modules without a runtime environment.
const fields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DYNAMODB_ENDPOINT: z.url().optional(),
  DYNAMODB_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/)
    .default("droprush"),
  AWS_REGION: z.string().min(1).default("us-east-1"),
  // On Vercel: the role its OIDC token assumes for the table (infra/). Unset: the AWS default chain.
  AWS_ROLE_ARN: z
    .string()
    .regex(
      /^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/,
      "AWS_ROLE_ARN is an IAM role's ARN (arn:aws:iam::…:role/…)",
    )
    .optional(),
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  // The secret before a rotation (docs/configuration.md#rotating-secrets): what it signed still
  // verifies; nothing new is signed with it.
  SESSION_SECRET_PREVIOUS: z
    .string()
    .min(32, "SESSION_SECRET_PREVIOUS must be at least 32 characters")
    .optional(),
  CRON_SECRET: z.string().min(16).optional(),
  // Order confirmations (lib/mail): a folder of mails locally, a provider in production.
  MAIL_TRANSPORT: z.enum(["outbox", "resend", "log"]).optional(),
  MAIL_OUTBOX_DIR: z.string().default(".data/outbox"),
  MAIL_FROM: z.string().default("DropRush <orders@droprush.example>"),
  RESEND_API_KEY: z.string().optional(),
  // Holds of one drop a shopper may let expire unbought before they cannot claim it again.
  EXPIRED_HOLDS_LIMIT: z.coerce.number().int().min(1).max(100).default(2),
  // Rate limits (lib/security/client-address.ts): whose address a request comes from. Only behind
  // proxies of ours (on by default on Vercel, which has its own header); elsewhere there is none.
  TRUST_PROXY: z.boolean(),
  // Proxies in front of the app that append to x-forwarded-for: the client is that many from the right.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).optional(),
  VERCEL: z.boolean(),
  // Guest shoppers one address may mint per 10 minutes (admin-minted rehearsal shoppers are not counted).
  SHOPPER_MINT_LIMIT: z.coerce.number().int().min(1).default(60),
  // Wrong admin tokens one address may send per 15 minutes before it is locked out for the rest.
  ADMIN_SIGN_IN_FAILURES: z.coerce.number().int().min(1).default(10),
  // Claims and checkouts one address may send per minute (rehearsal shoppers are not counted).
  CLAIM_LIMIT: z.coerce.number().int().min(1).default(300),
  // Places a guest address may take in waiting rooms per 10 minutes: a family's tabs, not a farm.
  QUEUE_JOIN_LIMIT: z.coerce.number().int().min(1).default(20),
  CONFIRM_LIMIT: z.coerce.number().int().min(1).default(120),
  // How long a shopper token holds; an open page renews it (same shopper) an hour before.
  SHOPPER_TOKEN_HOURS: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 30)
    .default(24),
  // Proof of work (lib/security/pow.ts): the hardest challenge, in SHA-256 tries at most (a
  // million is ~15 s of a phone's CPU at worst, inside the challenge's 120 s).
  POW_MAX_NUMBER: z.coerce.number().int().min(1000).max(1_000_000).default(200_000),
  // Password hashes (sign-ins of real accounts, new accounts) across every instance per minute; past
  // it sign-in answers 503 for the rest of the minute. A cost ceiling, far above what people do.
  PASSWORD_HASHES_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // Wrong passwords for one member's email per 5 minutes before that account refuses sign-in for the rest.
  ACCOUNT_SIGN_IN_FAILURES: z.coerce.number().int().min(1).default(10),
  // Where the app is reached (https://drops.example.com): the one origin of every absolute link
  // (invites, receipts in mails), never the request's own Host. Required in production; the local
  // scripts set it to their own address, and elsewhere it defaults to http://localhost:3000.
  APP_URL: z
    .url()
    .refine(
      (u) => /^https?:\/\/[^/]+\/?$/.test(u),
      "APP_URL is an origin: scheme and host (and port), no path",
    )
    .transform((u) => u.replace(/\/$/, ""))
    .optional(),
  // How long each server keeps a page of the public feed (lib/drop/feed-page.ts); 0: not at all.
  FEED_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  // Set by `npm run start:local`: while this file exists the health check answers 503 WARMING_UP.
  WARMUP_MARKER: z.string().optional(),
  // Draw drops (lib/entries): the Ed25519 key that signs entry receipts (a 32-byte seed in hex).
  // Required in production; elsewhere derived from SESSION_SECRET when unset (the local scripts
  // generate and keep one in .data/).
  DRAW_SIGNING_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "DRAW_SIGNING_KEY is 64 hex digits (a 32-byte Ed25519 seed)")
    .optional(),
  // The key before a rotation: its public half is still published, so its receipts still verify.
  DRAW_SIGNING_KEY_PREVIOUS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "DRAW_SIGNING_KEY_PREVIOUS is 64 hex digits (a 32-byte Ed25519 seed)")
    .optional(),
  // The public beacon that seeds draws: drand's quicknet (default on Vercel) or none ("off").
  DRAW_BEACON: z.enum(["quicknet", "off"]),
  // drand HTTP relays, comma-separated, tried in turn (tests point it at a recorded round).
  DRAND_URLS: z
    .string()
    .default("https://api.drand.sh,https://drand.cloudflare.com")
    .transform((v) =>
      v
        .split(",")
        .map((u) => u.trim().replace(/\/$/, ""))
        .filter(Boolean),
    ),
  // Payments (lib/payments, docs/payments.md): "off" records orders without payment (today's
  // checkout), "local" takes Stripe's test card numbers with no account, "stripe" the real API.
  // Default: local outside production; in production stripe when its keys are set, else refused.
  PAYMENTS: z.enum(["off", "local", "stripe"]).optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "STRIPE_SECRET_KEY is sk_… or rk_…")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "STRIPE_WEBHOOK_SECRET is whsec_…")
    .optional(),
  // The browser's key for the Payment Element: public by design, handed to it as a prop by the server
  // (not a NEXT_PUBLIC_ variable, so one build serves test and live).
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, "STRIPE_PUBLISHABLE_KEY is pk_test_… or pk_live_…")
    .optional(),
  // OpenTelemetry (instrumentation.ts, docs/telemetry.md): traces to OTLP when an endpoint is set,
  // metrics too when one is set for them; nothing otherwise. The SDK reads these itself as well.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: z.url().optional(),
  // Benchmarks only (npm run bench -- --tracing): spans and metrics kept in memory, exported nowhere.
  DROPRUSH_TRACING: z.enum(["memory"]).optional(),
});

const schema = fields
  .superRefine((e, ctx) => {
    // A deployment's operator token must not be guessable: the local scripts generate longer ones,
    // tests and development may use shorter ones.
    if (e.NODE_ENV === "production" && e.APP_URL === undefined)
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "APP_URL is required in production" });
    if (e.NODE_ENV === "production" && e.DRAW_SIGNING_KEY === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["DRAW_SIGNING_KEY"],
        message: "DRAW_SIGNING_KEY is required in production (openssl rand -hex 32)",
      });
    if (e.NODE_ENV === "production" && e.ADMIN_TOKEN.length < 32)
      ctx.addIssue({
        code: "custom",
        path: ["ADMIN_TOKEN"],
        message: "ADMIN_TOKEN must be at least 32 characters in production",
      });
    // A "previous" equal to the current one is a rotation left half done: the old value stays in use.
    if (e.SESSION_SECRET_PREVIOUS !== undefined && e.SESSION_SECRET_PREVIOUS === e.SESSION_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET_PREVIOUS"],
        message: "SESSION_SECRET_PREVIOUS is the old secret: it must differ from SESSION_SECRET",
      });
    if (
      e.DRAW_SIGNING_KEY_PREVIOUS !== undefined &&
      e.DRAW_SIGNING_KEY_PREVIOUS.toLowerCase() === e.DRAW_SIGNING_KEY?.toLowerCase()
    )
      ctx.addIssue({
        code: "custom",
        path: ["DRAW_SIGNING_KEY_PREVIOUS"],
        message: "DRAW_SIGNING_KEY_PREVIOUS is the old key: it must differ from DRAW_SIGNING_KEY",
      });
    // A deployment takes money or says plainly that it does not (PAYMENTS=off).
    const payments =
      e.PAYMENTS ?? (e.NODE_ENV === "production" ? (e.STRIPE_SECRET_KEY ? "stripe" : undefined) : "local");
    if (payments === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["PAYMENTS"],
        message: "production needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or PAYMENTS=off explicitly",
      });
    // Test cards buy nothing real: never on a deployment (a local production build, `npm run
    // start:local`, names it explicitly).
    if (payments === "local" && e.VERCEL && e.NODE_ENV === "production")
      ctx.addIssue({
        code: "custom",
        path: ["PAYMENTS"],
        message: "PAYMENTS=local accepts test cards: not on a deployment (use stripe, or off)",
      });
    // The publishable key only in production: the server's own tests and smoke runs take no card in a
    // browser, but a deployment without it could not show the Payment Element.
    if (payments === "stripe")
      for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PUBLISHABLE_KEY"] as const)
        if (e[key] === undefined && (key !== "STRIPE_PUBLISHABLE_KEY" || e.NODE_ENV === "production"))
          ctx.addIssue({ code: "custom", path: [key], message: `${key} is required with PAYMENTS=stripe` });
    // A test key in the browser and a live one on the server (or the reverse) cannot confirm a single
    // payment: Stripe keeps the two modes apart. Said at start-up, not by every shopper's checkout.
    const mode = (key: string | undefined) => key?.match(/^[a-z]+_(test|live)_/)?.[1];
    if (
      e.STRIPE_PUBLISHABLE_KEY &&
      e.STRIPE_SECRET_KEY &&
      mode(e.STRIPE_PUBLISHABLE_KEY) !== mode(e.STRIPE_SECRET_KEY)
    )
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_PUBLISHABLE_KEY"],
        message: "STRIPE_PUBLISHABLE_KEY and STRIPE_SECRET_KEY must both be test keys or both live keys",
      });
    // Hops without trust would read nothing: a proxy set-up left half done, said at start-up.
    if (!e.TRUST_PROXY && e.TRUSTED_PROXY_HOPS !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["TRUSTED_PROXY_HOPS"],
        message: "set, but TRUST_PROXY is not 1: set TRUST_PROXY=1 too, or unset TRUSTED_PROXY_HOPS",
      });
  })
  .transform((e) => ({
    ...e,
    TRUSTED_PROXY_HOPS: e.TRUSTED_PROXY_HOPS ?? 1,
    PAYMENTS: e.PAYMENTS ?? (e.NODE_ENV === "production" ? "stripe" : "local"),
  }));

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT || undefined,
    AWS_ROLE_ARN: process.env.AWS_ROLE_ARN || undefined,
    CRON_SECRET: process.env.CRON_SECRET || undefined,
    MAIL_TRANSPORT: process.env.MAIL_TRANSPORT || undefined,
    RESEND_API_KEY: process.env.RESEND_API_KEY || undefined,
    TRUST_PROXY: process.env.TRUST_PROXY ? process.env.TRUST_PROXY === "1" : process.env.VERCEL === "1",
    TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS || undefined,
    VERCEL: process.env.VERCEL === "1",
    SHOPPER_MINT_LIMIT: process.env.SHOPPER_MINT_LIMIT || undefined,
    EXPIRED_HOLDS_LIMIT: process.env.EXPIRED_HOLDS_LIMIT || undefined,
    ADMIN_SIGN_IN_FAILURES: process.env.ADMIN_SIGN_IN_FAILURES || undefined,
    CLAIM_LIMIT: process.env.CLAIM_LIMIT || undefined,
    QUEUE_JOIN_LIMIT: process.env.QUEUE_JOIN_LIMIT || undefined,
    CONFIRM_LIMIT: process.env.CONFIRM_LIMIT || undefined,
    SHOPPER_TOKEN_HOURS: process.env.SHOPPER_TOKEN_HOURS || undefined,
    POW_MAX_NUMBER: process.env.POW_MAX_NUMBER || undefined,
    ACCOUNT_SIGN_IN_FAILURES: process.env.ACCOUNT_SIGN_IN_FAILURES || undefined,
    FEED_CACHE_MS: process.env.FEED_CACHE_MS || undefined,
    WARMUP_MARKER: process.env.WARMUP_MARKER || undefined,
    APP_URL: process.env.APP_URL || undefined,
    PASSWORD_HASHES_PER_MINUTE: process.env.PASSWORD_HASHES_PER_MINUTE || undefined,
    SESSION_SECRET_PREVIOUS: process.env.SESSION_SECRET_PREVIOUS || undefined,
    DRAW_SIGNING_KEY: process.env.DRAW_SIGNING_KEY || undefined,
    DRAW_SIGNING_KEY_PREVIOUS: process.env.DRAW_SIGNING_KEY_PREVIOUS || undefined,
    DRAW_BEACON: process.env.DRAW_BEACON || (process.env.VERCEL === "1" ? "quicknet" : "off"),
    DRAND_URLS: process.env.DRAND_URLS || undefined,
    PAYMENTS: process.env.PAYMENTS || undefined,
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY || undefined,
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET || undefined,
    STRIPE_PUBLISHABLE_KEY: process.env.STRIPE_PUBLISHABLE_KEY || undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined,
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT || undefined,
    DROPRUSH_TRACING: process.env.DROPRUSH_TRACING || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}\nSee .env.example.`);
  }
  cached = parsed.data;
  return cached;
}

/** The origin of every absolute link the app writes (APP_URL; http://localhost:3000 outside production). */
export function appUrl(): string {
  return env().APP_URL ?? "http://localhost:3000";
}
