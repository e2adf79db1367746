import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { metricsKey } from "@/lib/hooks/use-admin";
import { stockKey } from "@/lib/hooks/use-stock";

// `npm run dev` prints its box (URL, admin token, invite) once; a line per poll scrolled it away.
const ignore = nextConfig.logging ? (nextConfig.logging.incomingRequests as { ignore: RegExp[] }).ignore : [];
const logged = (url: string) => !ignore.some((pattern) => pattern.test(url));

describe("the dev server's request log", () => {
  it("leaves out every poll", () => {
    for (const url of [
      stockKey("aurora-runner"),
      `${stockKey("aurora-runner")}?t=1`,
      metricsKey("aurora-runner"),
      "/api/health",
      "/api/cron/release-expired",
    ])
      expect(logged(url), url).toBe(false);
  });

  it("keeps what a person did", () => {
    for (const url of [
      "/drops/aurora-runner",
      "/api/drops/aurora-runner/claims",
      "/api/drops/aurora-runner/stock/extra",
      "/api/admin/drops/aurora-runner",
      "/api/claims/abc/confirm",
    ])
      expect(logged(url), url).toBe(true);
  });
});
