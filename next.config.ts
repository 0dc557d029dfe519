import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./app/_lib/i18n-request.ts");

/** Baseline security headers for every response. The CSP (per-response nonce) and HSTS are set in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(self)" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Work-order photos are posted to server actions: up to 6 × 10 MB (lib/tickets/images.ts).
  // Requests matched by proxy.ts (/staff/…) are buffered for it, 10 MB by default: the same limit.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "64mb" }, proxyClientMaxBodySize: "64mb" },
  // The build type-checks the app only; `npm run typecheck` covers the tests too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
