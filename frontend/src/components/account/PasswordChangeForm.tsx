"use client";
// Changing the password while signed in (allauth's account/password/change): allauth's errors beside
// the field they name; the person stays signed in.
import { useState } from "react";

import { allauthProblems, logInHref } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";
import { formProblem, useSubmit } from "./useSubmit";

const FIELDS = ["current_password", "new_password"];

export function PasswordChangeForm({ locale, email }: { locale: Locale; email: string }) {
  const t = messages(locale);
  const [changed, setChanged] = useState(false);
  const { problems, busy, submit } = useSubmit(locale, async (form, clients, element) => {
    setChanged(false);
    const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/account/password/change", {
      params: { path: { client: "browser" } },
      body: { current_password: String(form.get("current_password") ?? ""), new_password: String(form.get("new_password") ?? "") },
    });
    if (response.ok) {
      element.reset();
      setChanged(true);
      return;
    }
    if (response.status === 401) {
      window.location.assign(logInHref(locale, `/${locale}/account/password/`));
      return "leaving";
    }
    if (response.status === 400 && error && "errors" in error) return allauthProblems(error.errors ?? [], FIELDS);
    return formProblem(response.status === 429 ? t.tooManyAttempts : t.accountPages.somethingWentWrong);
  });

  return (
    <form className="stacked-form" method="post" onSubmit={submit} noValidate>
      <p role="status">{changed ? t.accountPages.passwordChanged : null}</p>
      <FormProblems messages={problems.form} />
      {/* For password managers: the account whose password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {(["current_password", "new_password"] as const).map((name) => (
        <Field
          key={name}
          name={name}
          type="password"
          autoComplete={name === "current_password" ? "current-password" : "new-password"}
          label={name === "current_password" ? t.accountPages.currentPassword : t.accountPages.newPassword}
          problems={problems.fields[name] ?? []}
        />
      ))}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.saving : t.accountPages.changePassword}
      </button>
    </form>
  );
}
