"use client";
// The signed-in prosumer's profile (PATCH /api/community/me/): display name, about, preferred language.
// The API's field errors go beside their fields; once saved, the page loads again so that the header
// shows the new name.
import type { Profile } from "@/api";
import { logInHref, problemsOf } from "@/lib/browser-session";
import { languageNames, type Locale, locales, messages } from "@/lib/i18n";

import { Field, FormProblems } from "./Field";
import { leaveNotice } from "./Notice";
import { useSubmit } from "./useSubmit";

const FIELDS = ["display_name", "bio", "preferred_locale"];

/** The ids of what describes a field: its hint, and its problems when it has some. */
function describedBy(name: string, problems: string[], hint = false): string | undefined {
  const ids = [hint ? `${name}-hint` : "", problems.length > 0 ? `${name}-errors` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Problems({ name, problems }: { name: string; problems: string[] }) {
  return problems.length > 0 ? (
    <span id={`${name}-errors`} className="form-error">
      {problems.join(" ")}
    </span>
  ) : null;
}

export function ProfileForm({ locale, profile }: { locale: Locale; profile: Profile }) {
  const t = messages(locale);
  const { problems, busy, submit } = useSubmit(locale, async (form, clients) => {
    const { response, error } = await clients.project.PATCH("/api/community/me/", {
      body: {
        display_name: String(form.get("display_name") ?? ""),
        bio: String(form.get("bio") ?? ""),
        preferred_locale: form.get("preferred_locale") as Locale,
      },
    });
    if (response.ok) {
      leaveNotice("profileSaved");
      window.location.reload();
      return "leaving";
    }
    if (response.status === 401) {
      window.location.assign(logInHref(locale, `/${locale}/account/`));
      return "leaving";
    }
    const { detail, fields } = problemsOf(error, t.accountPages.somethingWentWrong);
    // The detail above the form unless every problem is beside its field.
    const beside = Object.keys(fields).length > 0 && Object.keys(fields).every((field) => FIELDS.includes(field));
    return { form: beside ? [] : [detail], fields };
  });

  const bioProblems = problems.fields.bio ?? [];
  const localeProblems = problems.fields.preferred_locale ?? [];
  return (
    <form className="stacked-form" onSubmit={submit} noValidate>
      <FormProblems messages={problems.form} />
      <Field
        name="display_name"
        type="text"
        autoComplete="nickname"
        label={t.displayName}
        defaultValue={profile.display_name}
        problems={problems.fields.display_name ?? []}
      />
      <p className="field">
        <label htmlFor="bio">{t.accountPages.bio}</label>
        <textarea
          id="bio"
          name="bio"
          rows={5}
          defaultValue={profile.bio}
          aria-invalid={bioProblems.length > 0 || undefined}
          aria-describedby={describedBy("bio", bioProblems, true)}
        />
        <span id="bio-hint" className="meta">
          {t.accountPages.bioHint}
        </span>
        <Problems name="bio" problems={bioProblems} />
      </p>
      <p className="field">
        <label htmlFor="preferred_locale">{t.preferredLanguage}</label>
        <select
          id="preferred_locale"
          name="preferred_locale"
          defaultValue={profile.preferred_locale}
          aria-invalid={localeProblems.length > 0 || undefined}
          aria-describedby={describedBy("preferred_locale", localeProblems)}
        >
          {locales.map((other) => (
            <option key={other} value={other} lang={other}>
              {languageNames[other]}
            </option>
          ))}
        </select>
        <Problems name="preferred_locale" problems={localeProblems} />
      </p>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.saving : t.accountPages.saveProfile}
      </button>
    </form>
  );
}
