"use client";
// Asks allauth to e-mail a password reset link (its browser flow). allauth answers 200 whether or not
// an account uses the address, so the page says the same either way.
import { useState } from "react";

import { allauthProblems } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";
import { formProblem, useSubmit } from "./useSubmit";

export function PasswordResetRequest({ locale }: { locale: Locale }) {
  const t = messages(locale);
  const [sent, setSent] = useState(false);
  const { problems, busy, submit } = useSubmit(locale, async (form, clients) => {
    const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/password/request", {
      params: { path: { client: "browser" } },
      body: { email: String(form.get("email") ?? "") },
    });
    if (response.ok) setSent(true);
    else if (response.status === 400 && error && "errors" in error) return allauthProblems(error.errors ?? [], ["email"]);
    else return formProblem(response.status === 429 ? t.tooManyAttempts : t.accountPages.somethingWentWrong);
  });

  if (sent) return <p role="status">{t.accountPages.resetLinkSent}</p>;
  return (
    <form className="stacked-form" onSubmit={submit} noValidate>
      <FormProblems messages={problems.form} />
      <Field name="email" type="email" autoComplete="email" label={t.email} problems={problems.fields.email ?? []} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.sending : t.accountPages.sendResetLink}
      </button>
    </form>
  );
}
