import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, BASELINE_HEADERS, HSTS } from "./lib/server/http/headers";

const nextConfig: NextConfig = {
  // Several servers may be built side by side (tests, benchmarks); each can pick its own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // ioredis and bottleneck are Node-only and load optional modules dynamically; keep them out of the
  // bundle. So is exceljs (the XLSX exports' streaming writer, with its zip and stream dependencies).
  // PGlite ships PostgreSQL as WebAssembly files it loads from its own folder, and pg has optional
  // native parts: both are loaded from node_modules at run time, never bundled.
  serverExternalPackages: ["ioredis", "bottleneck", "exceljs", "@electric-sql/pglite", "pg"],
  // API answers skip proxy.ts (it would make Next read a whole upload before a route can refuse it),
  // so their security headers are set here; pages get theirs, with a script nonce, from proxy.ts.
  async headers() {
    const api = Object.entries({ ...BASELINE_HEADERS, "Content-Security-Policy": API_CONTENT_SECURITY_POLICY }).map(([key, value]) => ({ key, value }));
    return [
      { source: "/api/:path*", headers: api },
      { source: "/api/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [{ key: "Strict-Transport-Security", value: HSTS }] },
    ];
  },
};

export default nextConfig;
