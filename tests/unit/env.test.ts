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
    const production = { NODE_ENV: "production", APP_URL: "https://drops.example.com" };
    expect((await freshEnv({ ...production, ADMIN_TOKEN: "x".repeat(32) }))().ADMIN_TOKEN).toHaveLength(32);
    expect(
      (await freshEnv({ NODE_ENV: "development", ADMIN_TOKEN: "x".repeat(16) }))().ADMIN_TOKEN,
    ).toHaveLength(16);
  });
});

describe("APP_URL", () => {
  it("is required in production, and is an origin only", async () => {
    const production = { NODE_ENV: "production", ADMIN_TOKEN: "x".repeat(32) };
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
