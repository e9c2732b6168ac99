"use client";
// Erasing the account (DELETE /api/community/me/ with the password): behind a box to tick and the
// password, it ends signed out on the home page with a message.
import { logInHref, problemsOf } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { Checkbox, Field, FormProblems } from "./Field";
import { leaveNotice } from "./Notice";
import { useSubmit } from "./useSubmit";

export function AccountDeletion({ locale, email }: { locale: Locale; email: string }) {
  const t = messages(locale);
  const { problems, busy, submit } = useSubmit(locale, async (form, clients) => {
    if (form.get("understood") !== "on") return { form: [], fields: { understood: [t.accountPages.deleteNotConfirmed] } };
    const { response, error } = await clients.project.DELETE("/api/community/me/", {
      body: { password: String(form.get("password") ?? "") },
    });
    if (response.ok) {
      leaveNotice("accountDeleted");
      // A full load: every part of the page learns that no one is signed in any more.
      const home = `/${locale}/`;
      window.location.replace(home);
      return "leaving";
    }
    if (response.status === 401) {
      window.location.assign(logInHref(locale, `/${locale}/account/data/`));
      return "leaving";
    }
    const { detail, fields } = problemsOf(error, t.accountPages.somethingWentWrong);
    return { form: fields.password ? [] : [detail], fields };
  });

  return (
    <form className="stacked-form" method="post" onSubmit={submit} noValidate aria-labelledby="delete-account">
      <FormProblems messages={problems.form} />
      <Checkbox name="understood" label={t.accountPages.deleteUnderstood} problems={problems.fields.understood ?? []} />
      {/* For password managers: the account whose password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field name="password" type="password" autoComplete="current-password" label={t.accountPages.deletePassword} problems={problems.fields.password ?? []} />
      <button type="submit" className="button danger" disabled={busy}>
        {busy ? t.accountPages.deleting : t.accountPages.deleteButton}
      </button>
    </form>
  );
}
