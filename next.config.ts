import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Several servers may be built side by side (tests, benchmarks); each can pick its own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // ioredis and bottleneck are Node-only and load optional modules dynamically; keep them out of the bundle.
  serverExternalPackages: ["ioredis", "bottleneck"],
};

export default nextConfig;
