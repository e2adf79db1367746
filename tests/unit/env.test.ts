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
    };
    expect((await freshEnv({ ...production, ADMIN_TOKEN: "x".repeat(32) }))().ADMIN_TOKEN).toHaveLength(32);
    expect(
      (await freshEnv({ NODE_ENV: "development", ADMIN_TOKEN: "x".repeat(16) }))().ADMIN_TOKEN,
    ).toHaveLength(16);
  });
});

describe("DRAW_SIGNING_KEY", () => {
  it("is required in production, as 64 hex digits", async () => {
    const production = { NODE_ENV: "production", ADMIN_TOKEN: "x".repeat(32), APP_URL: "https://d.example" };
    await expect(freshEnv(production).then((env) => env())).rejects.toThrow(/DRAW_SIGNING_KEY is required/);
    await expect(freshEnv({ ...production, DRAW_SIGNING_KEY: "xyz" }).then((env) => env())).rejects.toThrow(
      /DRAW_SIGNING_KEY is 64 hex digits/,
    );
    expect((await freshEnv({ ...production, DRAW_SIGNING_KEY: "ab".repeat(32) }))().DRAW_SIGNING_KEY).toBe(
      "ab".repeat(32),
    );
  });
});

describe("APP_URL", () => {
  it("is required in production, and is an origin only", async () => {
    const production = {
      NODE_ENV: "production",
      ADMIN_TOKEN: "x".repeat(32),
      DRAW_SIGNING_KEY: "ab".repeat(32),
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
