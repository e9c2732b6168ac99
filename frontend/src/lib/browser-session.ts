// The browser's own calls to Brand Hub: same origin (src/proxy.ts forwards /api/ and /_allauth/),
// with the session cookie, and the csrftoken cookie's value sent as X-CSRFToken on every write.
import type { Middleware } from "openapi-fetch";
import { useEffect, useState } from "react";

import { createBrandHubClients } from "@/api";

import { type Locale, messages } from "./i18n";

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

type ProjectError = { detail: string; errors?: { field: string; message: string }[] };

/**
 * A write to the project API from a client component: `busy` while it runs, `problem` the API's message
 * when it refuses (or that Brand Hub was unreachable). `write` answers the call's data when it succeeded
 * (`true` for an answer without a body) and null otherwise, with the API's messages per field in `fields`.
 */
export function useProjectWrite(locale: Locale) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function write<T>(
    call: (project: ReturnType<typeof browserClients>["project"]) => Promise<{ data?: T; error?: ProjectError; response: Response }>,
    /** Fields whose messages show beside them: their messages are not repeated as the problem. */
    besideFields: string[] = [],
  ): Promise<T | true | null> {
    const t = messages(locale);
    setBusy(true);
    setProblem(null);
    setFields({});
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { data, error, response } = await call(clients.project);
      if (response.ok) return data ?? true;
      const found = problemsOf(error, t.errorText);
      setFields(found.fields);
      setProblem(besideFields.some((field) => found.fields[field]) ? null : found.detail);
    } catch {
      setProblem(t.unreachable);
    } finally {
      setBusy(false);
    }
    return null;
  }

  function clear() {
    setProblem(null);
    setFields({});
  }

  return { busy, problem, fields, write, clear };
}
