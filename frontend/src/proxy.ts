// Every address starts with a locale: `/` and unprefixed paths go to the visitor's language
// (Accept-Language), page addresses get their trailing slash, and pages learn their locale early.
import { NextResponse, type NextRequest } from "next/server";

import { isLocale, LOCALE_HEADER, preferredLocale } from "@/lib/i18n";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not the API rewrites, Next.js's files, the metadata routes or anything with a file extension.
  matcher: ["/((?!api/|_allauth/|_next/|sitemap/|robots\\.txt|favicon\\.ico|.*\\.[a-zA-Z0-9]+$).*)"],
};
