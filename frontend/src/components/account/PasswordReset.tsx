"use client";
// The new password for a reset link's key, posted to allauth's browser flow. allauth answers 401 with
// the log-in flow when the password is changed (the person logs in with it next), 200 when it signed
// them in; its field errors go beside the password, an invalid key above the form.
import { allauthProblems } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";
import { leaveNotice } from "./Notice";
import { formProblem, useSubmit } from "./useSubmit";

export function PasswordReset({ locale, resetKey, email }: { locale: Locale; resetKey: string; email: string | null }) {
  const t = messages(locale);
  const { problems, busy, submit } = useSubmit(locale, async (form, clients) => {
    const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/password/reset", {
      params: { path: { client: "browser" } },
      body: { key: resetKey, password: String(form.get("password") ?? "") },
    });
    if (response.ok || response.status === 401) {
      // A full load, so that every part of the page learns who is signed in.
      leaveNotice(response.ok ? "passwordResetSignedIn" : "passwordReset");
      window.location.assign(response.ok ? `/${locale}/` : `/${locale}/account/login/`);
      return "leaving";
    }
    if (response.status === 400 && error && "errors" in error) return allauthProblems(error.errors ?? [], ["password"]);
    return formProblem(response.status === 429 ? t.tooManyAttempts : t.accountPages.resetLinkInvalid);
  });

  return (
    <form className="stacked-form" method="post" onSubmit={submit} noValidate>
      {email && <p>{format(t.accountPages.resetFor, { email })}</p>}
      <FormProblems messages={problems.form} />
      {/* For password managers: the account whose password this is. */}
      {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
      <Field name="password" type="password" autoComplete="new-password" label={t.accountPages.newPassword} problems={problems.fields.password ?? []} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.saving : t.accountPages.savePassword}
      </button>
    </form>
  );
}
