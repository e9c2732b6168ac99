// Runs before every route. Browser calls to /api/ and /_allauth/ go on to Brand Hub from this origin
// (first-party session cookie and CSRF token, no CORS); every other address starts with a locale:
// `/` and unprefixed paths go to the visitor's language (Accept-Language), page addresses get their
// trailing slash, and pages learn their locale early.
import { NextResponse, type NextRequest } from "next/server";

import { isLocale, LOCALE_HEADER, preferredLocale } from "@/lib/i18n";
import { apiOrigin } from "@/lib/origins";

/** The frontend's own route handlers under /api/ (app/api/): never forwarded. */
const OWN_ROUTES = ["/api/revalidate", "/api/preview"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/") || pathname.startsWith("/_allauth/")) {
    if (OWN_ROUTES.some((route) => pathname === route || pathname === `${route}/`)) return NextResponse.next();
    return NextResponse.rewrite(new URL(`${pathname}${search}`, apiOrigin()));
  }
  // A share link (app/s/[code]/route.ts) counts its visit and redirects to the page's own address.
  if (pathname.startsWith("/s/")) return NextResponse.next();
  const [first = ""] = pathname.split("/").filter(Boolean);
  if (!isLocale(first)) {
    const locale = preferredLocale(request.headers.get("accept-language"));
    const path = pathname === "/" ? "/" : pathname.endsWith("/") ? pathname : `${pathname}/`;
    const response = NextResponse.redirect(new URL(`/${locale}${path}${search}`, request.url), 307);
    response.headers.set("Vary", "Accept-Language");
    return response;
  }
  if (!pathname.endsWith("/")) {
    return NextResponse.redirect(new URL(`${pathname}/${search}`, request.url), 308);
  }
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, first);
  if (!wellEncoded(pathname)) {
    // Next.js answers a bare 500 to a path it cannot decode (/pl/%/): look the literal text up instead,
    // which finds no page and answers the 404 page.
    return NextResponse.rewrite(new URL(`${pathname.replaceAll("%", "%25")}${search}`, request.url), { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

function wellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Not Next.js's files, the metadata routes or anything else with a file extension.
  matcher: ["/api/:path*", "/_allauth/:path*", "/((?!_next/|sitemap/|robots\\.txt|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
