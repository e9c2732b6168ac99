// The browser's own calls to Brand Hub: same origin (src/proxy.ts forwards /api/ and /_allauth/),
// with the session cookie, and the csrftoken cookie's value sent as X-CSRFToken on every write.
import type { Middleware } from "openapi-fetch";
import { useEffect, useState } from "react";

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

export type Viewer = { signedIn: false } | { signedIn: true; name: string };

let viewerRequest: Promise<Viewer> | null = null;

/** Who is looking, asked once per page load however many components want to know. */
function currentViewer(locale: Locale): Promise<Viewer> {
  viewerRequest ??= browserClients(locale)
    .project.GET("/api/community/me/")
    .then(({ data }): Viewer => (data ? { signedIn: true, name: data.display_name || data.email } : { signedIn: false }))
    .catch((): Viewer => ({ signedIn: false }));
  return viewerRequest;
}

/** The signed-in person or a visitor; null until Brand Hub has answered. */
export function useViewer(locale: Locale): Viewer | null {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  useEffect(() => {
    let current = true;
    void currentViewer(locale).then((answer) => current && setViewer(answer));
    return () => {
      current = false;
    };
  }, [locale]);
  return viewer;
}

/** The log-in page of `locale`, coming back to `path` afterwards. */
export function logInHref(locale: Locale, path: string): string {
  return `/${locale}/account/login/?next=${encodeURIComponent(path)}`;
}

/** The message of an error answer in the project API's shape, per field and for the whole request. */
export function problemsOf(error: { detail: string; errors?: { field: string; message: string }[] } | undefined, fallback: string) {
  const fields: Record<string, string[]> = {};
  for (const { field, message } of error?.errors ?? []) (fields[field.split(".").at(-1) ?? field] ??= []).push(message);
  return { detail: error?.detail ?? fallback, fields };
}

/** allauth's errors ({message, code, param}) per field among `fields`, the others for the whole form. */
export function allauthProblems(errors: { message: string; param?: string }[], fields: string[]) {
  const found = { form: [] as string[], fields: {} as Record<string, string[]> };
  for (const { message, param } of errors) {
    if (param && fields.includes(param)) (found.fields[param] ??= []).push(message);
    else found.form.push(message);
  }
  return found;
}
