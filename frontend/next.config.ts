// Next.js settings. The API's origin is read at run time (src/proxy.ts forwards /api/ and /_allauth/
// to it), so one build serves any API.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Wagtail's URLs end with a slash; the frontend's follow them, so links from the API work as they are...
  trailingSlash: true,
  // ...but the API's own addresses keep theirs (/api/search has none): src/proxy.ts adds the slash
  // to page addresses only.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
};

export default nextConfig;
