import type { NextConfig } from "next";
import { apiPolicy, commonHeaders } from "./lib/security/headers";

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
  // The build checks the app only; `npm run typecheck` checks tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Pages get their nonce CSP from proxy.ts; these go on every response.
  async headers() {
    return [
      { source: "/:path*", headers: commonHeaders({ production: process.env.NODE_ENV === "production" }) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default nextConfig;
