// Next.js settings: the API's origin and the same-origin rewrites browser writes go through.
import type { NextConfig } from "next";

import { apiOrigin } from "./src/lib/origins";

const nextConfig: NextConfig = {
  // Wagtail's URLs end with a slash; the frontend's follow them, so links from the API work as they are.
  trailingSlash: true,
  // ...but the API's own addresses keep theirs (/api/search has none): src/proxy.ts adds the slash
  // to page addresses only.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // The browser calls /api/ and /_allauth/ on this origin: the session cookie and its CSRF token are
  // first-party, with no CORS and no third-party cookies. The frontend's own /api/revalidate and
  // /api/preview are route handlers, which Next.js matches before these rewrites.
  async rewrites() {
    return [
      { source: "/api/:path*/", destination: `${apiOrigin()}/api/:path*/` },
      { source: "/api/:path*", destination: `${apiOrigin()}/api/:path*` },
      { source: "/_allauth/:path*", destination: `${apiOrigin()}/_allauth/:path*` },
    ];
  },
};

export default nextConfig;
