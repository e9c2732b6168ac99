"use client";
// Sign-up through allauth's browser flow with what the project asks (display name, language, consent
// to the terms). allauth answers 401 with a pending e-mail verification: that is the success answer.
import { type FormEvent, useState } from "react";

import { allauthProblems, browserClients, ensureCsrfToken } from "@/lib/browser-session";
import { languageNames, type Locale, locales, messages } from "@/lib/i18n";

import { Checkbox, Field, FormProblems } from "./Field";

const FIELDS = ["display_name", "email", "password", "preferred_locale", "accept_terms"];
const NO_PROBLEMS = { form: [] as string[], fields: {} as Record<string, string[]> };

export function SignUpForm({ locale }: { locale: Locale }) {
  const t = messages(locale);
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/signup", {
        params: { path: { client: "browser" } },
        body: {
          display_name: String(form.get("display_name") ?? ""),
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          preferred_locale: (form.get("preferred_locale") as Locale | null) ?? locale,
          accept_terms: form.get("accept_terms") === "on",
        },
      });
      if (response.status === 401 || response.ok) setSent(true);
      else if (response.status === 400 && error && "errors" in error) setProblems(allauthProblems(error.errors ?? [], FIELDS));
      else setProblems({ ...NO_PROBLEMS, form: [response.status === 429 ? t.tooManyAttempts : t.errorText] });
    } catch {
      setProblems({ ...NO_PROBLEMS, form: [t.unreachable] });
    }
    setBusy(false);
  }

  if (sent) return <p role="status">{t.checkYourEmail}</p>;
  return (
    <form className="stacked-form" method="post" onSubmit={signUp} noValidate>
      <FormProblems messages={problems.form} />
      <Field name="display_name" type="text" autoComplete="nickname" label={t.displayName} problems={problems.fields.display_name ?? []} />
      <Field name="email" type="email" autoComplete="email" label={t.email} problems={problems.fields.email ?? []} />
      <Field name="password" type="password" autoComplete="new-password" label={t.password} problems={problems.fields.password ?? []} />
      <p className="field">
        <label htmlFor="preferred_locale">{t.preferredLanguage}</label>
        <select id="preferred_locale" name="preferred_locale" defaultValue={locale}>
          {locales.map((other) => (
            <option key={other} value={other} lang={other}>
              {languageNames[other]}
            </option>
          ))}
        </select>
      </p>
      <Checkbox name="accept_terms" label={t.acceptTerms} problems={problems.fields.accept_terms ?? []} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.signingUp : t.signUp}
      </button>
    </form>
  );
}
