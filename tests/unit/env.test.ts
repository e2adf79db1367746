// The environment is parsed once, and a deployment with a guessable operator token refuses to start.
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function freshEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  vi.resetModules();
  return (await import("@/lib/env")).env;
}

describe("ADMIN_TOKEN", () => {
  it("a production server refuses a token shorter than 32 characters, naming it", async () => {
    const env = await freshEnv({ NODE_ENV: "production", ADMIN_TOKEN: "x".repeat(31) });
    expect(() => env()).toThrow(/ADMIN_TOKEN: ADMIN_TOKEN must be at least 32 characters in production/);
  });

  it("32 characters start in production; development and tests keep the 16-character floor", async () => {
    const production = {
      NODE_ENV: "production",
      APP_URL: "https://drops.example.com",
      DRAW_SIGNING_KEY: "ab".repeat(32),
      PAYMENTS: "off",
    };
    expect((await freshEnv({ ...production, ADMIN_TOKEN: "x".repeat(32) }))().ADMIN_TOKEN).toHaveLength(32);
    expect(
      (await freshEnv({ NODE_ENV: "development", ADMIN_TOKEN: "x".repeat(16) }))().ADMIN_TOKEN,
    ).toHaveLength(16);
  });
});

describe("DRAW_SIGNING_KEY", () => {
  it("is required in production, as 64 hex digits", async () => {
    const production = {
      NODE_ENV: "production",
      ADMIN_TOKEN: "x".repeat(32),
      APP_URL: "https://d.example",
      PAYMENTS: "off",
    };
    await expect(freshEnv(production).then((env) => env())).rejects.toThrow(/DRAW_SIGNING_KEY is required/);
    await expect(freshEnv({ ...production, DRAW_SIGNING_KEY: "xyz" }).then((env) => env())).rejects.toThrow(
      /DRAW_SIGNING_KEY is 64 hex digits/,
    );
    expect((await freshEnv({ ...production, DRAW_SIGNING_KEY: "ab".repeat(32) }))().DRAW_SIGNING_KEY).toBe(
      "ab".repeat(32),
    );
  });
});

describe("SESSION_SECRET_PREVIOUS and DRAW_SIGNING_KEY_PREVIOUS", () => {
  const secret = "s".repeat(32);
  const key = "ab".repeat(32);

  it("are optional, and read as the current ones are", async () => {
    const unset = (
      await freshEnv({ SESSION_SECRET: secret, SESSION_SECRET_PREVIOUS: "", DRAW_SIGNING_KEY: key })
    )();
    expect(unset.SESSION_SECRET_PREVIOUS).toBeUndefined();
    expect(unset.DRAW_SIGNING_KEY_PREVIOUS).toBeUndefined();
    const set = (
      await freshEnv({
        SESSION_SECRET: secret,
        SESSION_SECRET_PREVIOUS: "p".repeat(32),
        DRAW_SIGNING_KEY: key,
        DRAW_SIGNING_KEY_PREVIOUS: "cd".repeat(32),
      })
    )();
    expect([set.SESSION_SECRET_PREVIOUS, set.DRAW_SIGNING_KEY_PREVIOUS]).toEqual([
      "p".repeat(32),
      "cd".repeat(32),
    ]);
  });

  it("follow the current ones' format", async () => {
    await expect(
      freshEnv({ SESSION_SECRET: secret, SESSION_SECRET_PREVIOUS: "short" }).then((env) => env()),
    ).rejects.toThrow(/SESSION_SECRET_PREVIOUS: SESSION_SECRET_PREVIOUS must be at least 32 characters/);
    await expect(
      freshEnv({ SESSION_SECRET: secret, DRAW_SIGNING_KEY_PREVIOUS: "xyz" }).then((env) => env()),
    ).rejects.toThrow(/DRAW_SIGNING_KEY_PREVIOUS: DRAW_SIGNING_KEY_PREVIOUS is 64 hex digits/);
  });

  it("must differ from the current ones (a rotation left half done)", async () => {
    await expect(
      freshEnv({ SESSION_SECRET: secret, SESSION_SECRET_PREVIOUS: secret }).then((env) => env()),
    ).rejects.toThrow(/SESSION_SECRET_PREVIOUS: .*must differ from SESSION_SECRET/);
    await expect(
      freshEnv({
        SESSION_SECRET: secret,
        DRAW_SIGNING_KEY: key,
        DRAW_SIGNING_KEY_PREVIOUS: key.toUpperCase(),
      }).then((env) => env()),
    ).rejects.toThrow(/DRAW_SIGNING_KEY_PREVIOUS: .*must differ from DRAW_SIGNING_KEY/);
  });
});

describe("PAYMENTS", () => {
  const production = {
    NODE_ENV: "production",
    ADMIN_TOKEN: "x".repeat(32),
    APP_URL: "https://drops.example.com",
    DRAW_SIGNING_KEY: "ab".repeat(32),
  };
  const stripeKeys = {
    STRIPE_SECRET_KEY: "sk_test_abc123",
    STRIPE_WEBHOOK_SECRET: "whsec_abc123",
    STRIPE_PUBLISHABLE_KEY: "pk_test_abc123",
  };
  const paymentsEnv = async (vars: Record<string, string>) => {
    for (const key of [
      "PAYMENTS",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "STRIPE_PUBLISHABLE_KEY",
      "VERCEL",
    ])
      delete process.env[key];
    return freshEnv(vars);
  };

  it("is local by default outside production", async () => {
    expect((await paymentsEnv({ NODE_ENV: "development" }))().PAYMENTS).toBe("local");
    expect((await paymentsEnv({ NODE_ENV: "test" }))().PAYMENTS).toBe("local");
  });

  it("production refuses to start with neither Stripe keys nor an explicit off", async () => {
    await expect(paymentsEnv(production).then((env) => env())).rejects.toThrow(
      /PAYMENTS: production needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or PAYMENTS=off/,
    );
    expect((await paymentsEnv({ ...production, PAYMENTS: "off" }))().PAYMENTS).toBe("off");
    expect((await paymentsEnv({ ...production, ...stripeKeys }))().PAYMENTS).toBe("stripe");
  });

  it("local only when named in production, never on Vercel; stripe needs both keys anywhere", async () => {
    expect((await paymentsEnv({ ...production, PAYMENTS: "local" }))().PAYMENTS).toBe("local");
    await expect(
      paymentsEnv({ ...production, PAYMENTS: "local", VERCEL: "1" }).then((env) => env()),
    ).rejects.toThrow(/PAYMENTS=local accepts test cards: not on a deployment/);
    await expect(
      paymentsEnv({ ...production, STRIPE_SECRET_KEY: "sk_test_abc123" }).then((env) => env()),
    ).rejects.toThrow(/STRIPE_WEBHOOK_SECRET is required with PAYMENTS=stripe/);
    await expect(
      paymentsEnv({ NODE_ENV: "development", PAYMENTS: "stripe" }).then((env) => env()),
    ).rejects.toThrow(/STRIPE_SECRET_KEY is required with PAYMENTS=stripe/);
    await expect(paymentsEnv({ NODE_ENV: "test", PAYMENTS: "card" }).then((env) => env())).rejects.toThrow(
      /PAYMENTS/,
    );
  });

  it("the publishable key: pk_test_/pk_live_, required with stripe in production only, same mode as the secret", async () => {
    const { STRIPE_PUBLISHABLE_KEY, ...serverKeys } = stripeKeys;
    expect((await paymentsEnv({ ...production, ...stripeKeys }))().STRIPE_PUBLISHABLE_KEY).toBe(
      STRIPE_PUBLISHABLE_KEY,
    );
    await expect(paymentsEnv({ ...production, ...serverKeys }).then((env) => env())).rejects.toThrow(
      /STRIPE_PUBLISHABLE_KEY: STRIPE_PUBLISHABLE_KEY is required with PAYMENTS=stripe/,
    );
    // The server's own tests run stripe with no browser; off and local never need it.
    expect((await paymentsEnv({ NODE_ENV: "test", PAYMENTS: "stripe", ...serverKeys }))().PAYMENTS).toBe(
      "stripe",
    );
    expect((await paymentsEnv({ ...production, PAYMENTS: "off" }))().STRIPE_PUBLISHABLE_KEY).toBeUndefined();
    await expect(
      paymentsEnv({ ...production, ...stripeKeys, STRIPE_PUBLISHABLE_KEY: "sk_test_abc123" }).then((env) =>
        env(),
      ),
    ).rejects.toThrow(/STRIPE_PUBLISHABLE_KEY is pk_test_… or pk_live_…/);
    await expect(
      paymentsEnv({ ...production, ...stripeKeys, STRIPE_PUBLISHABLE_KEY: "pk_live_abc123" }).then((env) =>
        env(),
      ),
    ).rejects.toThrow(/must both be test keys or both live keys/);
  });
});

describe("APP_URL", () => {
  it("is required in production, and is an origin only", async () => {
    const production = {
      NODE_ENV: "production",
      ADMIN_TOKEN: "x".repeat(32),
      DRAW_SIGNING_KEY: "ab".repeat(32),
      PAYMENTS: "off",
    };
    await expect(freshEnv(production).then((env) => env())).rejects.toThrow(
      /APP_URL is required in production/,
    );
    await expect(
      freshEnv({ ...production, APP_URL: "https://drops.example.com/shop" }).then((env) => env()),
    ).rejects.toThrow(/APP_URL is an origin/);
    const ok = (await freshEnv({ ...production, APP_URL: "https://drops.example.com/" }))();
    expect(ok.APP_URL).toBe("https://drops.example.com");
  });

  it("outside production, links default to http://localhost:3000", async () => {
    await freshEnv({ NODE_ENV: "development" });
    delete process.env.APP_URL;
    const { appUrl } = await import("@/lib/env");
    expect(appUrl()).toBe("http://localhost:3000");
  });
});

describe("TRUST_PROXY and TRUSTED_PROXY_HOPS", () => {
  const proxyEnv = async (vars: Record<string, string>) => {
    for (const key of ["TRUST_PROXY", "TRUSTED_PROXY_HOPS", "VERCEL"]) delete process.env[key];
    return freshEnv(vars);
  };

  it("one hop by default behind a trusted proxy; the count when given; on by default on Vercel", async () => {
    expect((await proxyEnv({ TRUST_PROXY: "1" }))()).toMatchObject({
      TRUST_PROXY: true,
      TRUSTED_PROXY_HOPS: 1,
    });
    expect((await proxyEnv({ TRUST_PROXY: "1", TRUSTED_PROXY_HOPS: "2" }))().TRUSTED_PROXY_HOPS).toBe(2);
    expect((await proxyEnv({ VERCEL: "1" }))()).toMatchObject({ TRUST_PROXY: true, VERCEL: true });
    expect((await proxyEnv({}))()).toMatchObject({ TRUST_PROXY: false, VERCEL: false });
  });

  it("hops without a trusted proxy, or an odd count, stop the start with the variable named", async () => {
    await expect(proxyEnv({ TRUSTED_PROXY_HOPS: "2" }).then((env) => env())).rejects.toThrow(
      /TRUSTED_PROXY_HOPS: set, but TRUST_PROXY is not 1/,
    );
    for (const hops of ["0", "1.5", "eleven", "11"])
      await expect(
        proxyEnv({ TRUST_PROXY: "1", TRUSTED_PROXY_HOPS: hops }).then((env) => env()),
      ).rejects.toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
