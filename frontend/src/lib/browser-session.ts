// The browser's own calls to Brand Hub: same origin (src/proxy.ts forwards /api/ and /_allauth/),
// with the session cookie, and the csrftoken cookie's value sent as X-CSRFToken on every write.
import type { Middleware } from "openapi-fetch";

import { createBrandHubClients } from "@/api";

import type { Locale } from "./i18n";

function csrfToken(): string | null {
  const cookie = document.cookie.split("; ").find((entry) => entry.startsWith("csrftoken="));
  return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : null;
}

/** The CSRF token on writes, and the page's language, so that messages come back in it. */
function browserHeaders(locale: Locale): Middleware {
  return {
    onRequest({ request }) {
      const token = csrfToken();
      if (request.method !== "GET" && token) request.headers.set("X-CSRFToken", token);
      request.headers.set("Accept-Language", locale);
      return request;
    },
  };
}

/** The typed clients, for client components only (they read the browser's cookies). */
export function browserClients(locale: Locale) {
  const clients = createBrandHubClients(window.location.origin);
  clients.project.use(browserHeaders(locale));
  clients.accounts.use(browserHeaders(locale));
  return clients;
}

/** Makes sure the csrftoken cookie is set: any of allauth's browser endpoints sets it. */
export async function ensureCsrfToken(clients: ReturnType<typeof browserClients>) {
  if (csrfToken()) return;
  await clients.accounts.GET("/_allauth/{client}/v1/config", { params: { path: { client: "browser" } } });
}

/** Where to go back to after logging in: a path of this site only (never another origin). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}
