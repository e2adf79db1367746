import type { NextConfig } from "next";
import { apiPolicy, commonHeaders } from "./lib/security/headers";

// `npm run start:local`'s own build (e2e tests, races, benchmarks) sets this.
const localBuild = process.env.LOCAL_BUILD === "1";

const nextConfig: NextConfig = {
  // next dev served on 127.0.0.1 otherwise blocks its own dev resources
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Polls (the sweeper every 5 s, the health check until it answers, a drop page's stock and the
  // live view's figures every second) would scroll the dev terminal's box away: not logged.
  logging: {
    incomingRequests: {
      ignore: [
        /^\/api\/cron\//,
        /^\/api\/health$/,
        /^\/api\/drops\/[^/?]+\/stock(\?|$)/,
        /^\/api\/admin\/drops\/[^/?]+\/metrics(\?|$)/,
      ],
    },
  },
  // Lets parallel builds (e.g. a benchmark and an e2e run) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The embedded database is a dev/test dependency loaded by Node, never bundled
  serverExternalPackages: ["dynalite"],
  // The build checks the app only; `npm run typecheck` checks tests and scripts too. A local build
  // leaves it to that, as `next dev` does (the check is a third of a clean build's time here).
  typescript: { tsconfigPath: "tsconfig.build.json", ignoreBuildErrors: localBuild },
  // A local build keeps Turbopack's cache for the next one (a rebuild in 15 s instead of 45), but not
  // on CI's clean clone, which never builds twice (writing it costs 7 s more).
  ...(localBuild && process.env.CI ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  // Pages get their nonce CSP from proxy.ts; these go on every response.
  async headers() {
    return [
      { source: "/:path*", headers: commonHeaders({ production: process.env.NODE_ENV === "production" }) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default nextConfig;
