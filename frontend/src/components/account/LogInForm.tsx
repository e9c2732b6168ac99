"use client";
// The log-in form: e-mail and password posted to allauth's browser flow; allauth's errors
// ({status, errors: [{message, code, param}]}) shown beside the field they name, or above the form.
import { type FormEvent, useState } from "react";

import { allauthProblems, browserClients, ensureCsrfToken, safeNext } from "@/lib/browser-session";
import type { Locale } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";

type Labels = {
  email: string;
  password: string;
  logIn: string;
  loggingIn: string;
  logInFailed: string;
  logInPending: string;
  tooManyAttempts: string;
  unreachable: string;
};
const NO_PROBLEMS = { form: [] as string[], fields: {} as Record<string, string[]> };

export function LogInForm({ locale, labels, next }: { locale: Locale; labels: Labels; next?: string }) {
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);

  async function logIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblems(NO_PROBLEMS);
    const destination = safeNext(next, `/${locale}/`);
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/login", {
        params: { path: { client: "browser" } },
        body: { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") },
      });
      // 200: signed in; 409: this browser was signed in already.
      if (response.ok || response.status === 409) {
        window.location.assign(destination);
        return;
      }
      if (response.status === 400 && error && "errors" in error) {
        setProblems(allauthProblems(error.errors ?? [], ["email", "password"]));
      } else if (response.status === 401) {
        setProblems({ ...NO_PROBLEMS, form: [labels.logInPending] });
      } else if (response.status === 429) {
        setProblems({ ...NO_PROBLEMS, form: [labels.tooManyAttempts] });
      } else {
        setProblems({ ...NO_PROBLEMS, form: [labels.logInFailed] });
      }
    } catch {
      setProblems({ ...NO_PROBLEMS, form: [labels.unreachable] });
    }
    setBusy(false);
  }

  return (
    <form className="stacked-form" method="post" onSubmit={logIn} noValidate>
      <FormProblems messages={problems.form} />
      <Field name="email" type="email" autoComplete="email" label={labels.email} problems={problems.fields.email ?? []} />
      <Field name="password" type="password" autoComplete="current-password" label={labels.password} problems={problems.fields.password ?? []} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? labels.loggingIn : labels.logIn}
      </button>
    </form>
  );
}
