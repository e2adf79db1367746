import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // next dev served on 127.0.0.1 otherwise blocks its own dev resources
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // The embedded database is a dev/test dependency loaded by Node, never bundled
  serverExternalPackages: ["dynalite"],
};

export default nextConfig;
