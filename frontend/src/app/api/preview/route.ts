// Where the admin's preview sends an editor (FRONTEND_PREVIEW_URL?token=&type=&locale=): on to the
// draft view in the page's language.
import { type NextRequest, NextResponse } from "next/server";

import { defaultLocale, isLocale } from "@/lib/i18n";

export function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  if (!token) {
    const detail = "Open the preview from the admin: its link carries the token.";
    return Response.json({ detail, errors: [{ field: "token", message: detail }] }, { status: 400 });
  }
  const requested = request.nextUrl.searchParams.get("locale") ?? "";
  const locale = isLocale(requested) ? requested : defaultLocale;
  const draft = new URL(`/${locale}/_preview/`, request.url);
  draft.searchParams.set("token", token);
  return NextResponse.redirect(draft, 307);
}
