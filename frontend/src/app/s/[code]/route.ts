// A share link on this frontend (/s/<code>, the path of the API's share URL): counts the visit with
// Brand Hub (POST /api/community/shares/<code>/visits, once per visitor, link previews not at all)
// and lands on the shared page. The visitor's id is this frontend's own first-party cookie, so
// opening the link again or from the same browser later counts nothing more.
import { randomBytes } from "node:crypto";

import { type NextRequest, NextResponse } from "next/server";

import { createBrandHubClients } from "@/api";
import { pathOf } from "@/lib/brand-hub";
import { apiOrigin, siteOrigin } from "@/lib/origins";

const VISITOR_COOKIE = "bh_share_visitor";
/** The longest lifetime browsers still honour (400 days). */
const VISITOR_COOKIE_MAX_AGE = 400 * 24 * 3600;
const VISITOR_ID = /^[0-9a-f]{32}$/;

export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const known = request.cookies.get(VISITOR_COOKIE)?.value;
  const visitor = known && VISITOR_ID.test(known) ? known : randomBytes(16).toString("hex");
  let landing: string | null = null;
  try {
    const { data } = await createBrandHubClients(apiOrigin()).project.POST("/api/community/shares/{code}/visits", {
      params: { path: { code } },
      body: { visitor_id: visitor },
      headers: {
        // The visitor's browser, so that Brand Hub leaves link previews (WhatsApp, X...) uncounted.
        "User-Agent": request.headers.get("user-agent") ?? "",
        "Accept-Language": request.headers.get("accept-language") ?? "",
        // And their address, as the proxy in front of this frontend wrote it (Next.js writes the peer's
        // when no proxy did): Brand Hub's per-IP limit and visitor count then see the visitor, not this
        // server, when TRUSTED_PROXY_COUNT counts the proxy in front (README, production).
        "X-Forwarded-For": request.headers.get("x-forwarded-for") ?? "",
      },
      // Next.js's fetch in a route handler drops a Request's streamed body: send it as text.
      fetch: async (call: Request) =>
        fetch(call.url, { method: call.method, headers: call.headers, body: await call.text(), cache: "no-store" }),
    });
    landing = pathOf(data?.page.url);
  } catch {
    // Brand Hub unreachable: the visitor still lands on the site, uncounted.
  }
  // An unknown code, a page withdrawn since, or no answer: the home page in the visitor's language.
  const response = NextResponse.redirect(new URL(landing ? encodeURI(landing) : "/", siteOrigin()), 302);
  response.headers.set("Cache-Control", "private, no-store");
  if (visitor !== known) {
    response.cookies.set(VISITOR_COOKIE, visitor, {
      maxAge: VISITOR_COOKIE_MAX_AGE,
      httpOnly: true,
      sameSite: "lax",
      secure: request.nextUrl.protocol === "https:",
      path: "/",
    });
  }
  return response;
}
