"use client";
// Asks allauth to e-mail a password reset link (its browser flow). allauth answers 200 whether or not
// an account uses the address, so the page says the same either way.
import { type FormEvent, useState } from "react";

import { allauthProblems, browserClients, ensureCsrfToken } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";

const NO_PROBLEMS = { form: [] as string[], fields: {} as Record<string, string[]> };

export function PasswordResetRequest({ locale }: { locale: Locale }) {
  const t = messages(locale);
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function request(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/password/request", {
        params: { path: { client: "browser" } },
        body: { email: String(form.get("email") ?? "") },
      });
      if (response.ok) setSent(true);
      else if (response.status === 400 && error && "errors" in error) setProblems(allauthProblems(error.errors ?? [], ["email"]));
      else setProblems({ ...NO_PROBLEMS, form: [response.status === 429 ? t.tooManyAttempts : t.accountPages.somethingWentWrong] });
    } catch {
      setProblems({ ...NO_PROBLEMS, form: [t.unreachable] });
    }
    setBusy(false);
  }

  if (sent) return <p role="status">{t.accountPages.resetLinkSent}</p>;
  return (
    <form className="stacked-form" onSubmit={request} noValidate>
      <FormProblems messages={problems.form} />
      <Field name="email" type="email" autoComplete="email" label={t.email} problems={problems.fields.email ?? []} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.sending : t.accountPages.sendResetLink}
      </button>
    </form>
  );
}
