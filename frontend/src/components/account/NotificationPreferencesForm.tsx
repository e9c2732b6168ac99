"use client";
// The notification preferences form (PUT /api/community/me/notification-preferences): a channel per
// kind of notification (in the app, by e-mail too, not at all) and the digest's frequency. The API's
// field errors go beside the control they name; what it answers is what is shown as saved.
import { useState } from "react";

import type { DigestFrequency, NotificationChannel, NotificationKind, NotificationPreferences } from "@/api";
import { labelOf } from "@/components/site/labels";
import { logInHref } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { FormProblems } from "./Field";
import { type Problems, useSubmit } from "./useSubmit";

const CHANNELS: NotificationChannel[] = ["in_app", "email", "none"];
const FREQUENCIES: DigestFrequency[] = ["off", "daily", "weekly"];
const DIGEST = "digest_frequency";

function controlOf(kind: NotificationKind): string {
  return `channel-${kind}`;
}

/**
 * The API's errors per control of this form: `kinds.<n>.channel` (or `.kind`) names the n-th kind
 * sent, `digest_frequency` the digest; anything else is about the whole form.
 */
function problemsBeside(
  error: { detail: string; errors?: { field: string; message: string }[] } | undefined,
  sent: NotificationKind[],
  fallback: string,
): Problems {
  const found: Problems = { form: [], fields: {} };
  for (const { field, message } of error?.errors ?? []) {
    const kind = /^kinds\.(\d+)(\.|$)/.exec(field)?.[1];
    const control = field === DIGEST ? DIGEST : kind !== undefined && sent[Number(kind)] ? controlOf(sent[Number(kind)]!) : null;
    if (control) (found.fields[control] ??= []).push(message);
    else found.form.push(message);
  }
  if (found.form.length === 0 && Object.keys(found.fields).length === 0) found.form.push(error?.detail ?? fallback);
  return found;
}

function Choice({
  name,
  label,
  value,
  options,
  problems,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  problems: string[];
  hint?: string;
}) {
  const describedBy = [hint ? `${name}-hint` : null, problems.length > 0 ? `${name}-errors` : null].filter(Boolean).join(" ");
  return (
    <p className="field">
      <label htmlFor={name}>{label}</label>
      {hint && (
        <span id={`${name}-hint`} className="meta">
          {hint}
        </span>
      )}
      <select id={name} name={name} defaultValue={value} aria-invalid={problems.length > 0 || undefined} aria-describedby={describedBy || undefined}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {problems.length > 0 && (
        <span id={`${name}-errors`} className="form-error">
          {problems.join(" ")}
        </span>
      )}
    </p>
  );
}

export function NotificationPreferencesForm({ locale, preferences }: { locale: Locale; preferences: NotificationPreferences }) {
  const t = messages(locale);
  const p = t.notificationPreferences;
  const [saved, setSaved] = useState<NotificationPreferences | null>(null);
  const shown = saved ?? preferences;
  const { problems, busy, submit } = useSubmit(locale, async (form, clients) => {
    setSaved(null);
    const kinds = shown.kinds.map(({ kind }) => ({ kind, channel: String(form.get(controlOf(kind))) as NotificationChannel }));
    const { data, error, response } = await clients.project.PUT("/api/community/me/notification-preferences", {
      body: { kinds, digest_frequency: String(form.get(DIGEST)) as DigestFrequency },
    });
    if (data) {
      setSaved(data);
      return;
    }
    if (response.status === 401) {
      window.location.assign(logInHref(locale, window.location.pathname));
      return "leaving";
    }
    return problemsBeside(error, kinds.map(({ kind }) => kind), t.accountPages.somethingWentWrong);
  });

  const channels = CHANNELS.map((value) => ({ value, label: p.channels[value] }));
  return (
    <>
      {/* Keyed by what was saved: the controls start again from the API's answer. */}
      <form key={saved ? JSON.stringify(saved) : "loaded"} className="stacked-form" onSubmit={submit} noValidate>
      <FormProblems messages={problems.form} />
      <fieldset className="preferences">
        <legend>{p.channelsLegend}</legend>
        {shown.kinds.map(({ kind, label, channel }) => (
          <Choice
            key={kind}
            name={controlOf(kind)}
            label={labelOf(p.kinds, kind) === kind ? label : labelOf(p.kinds, kind)}
            value={channel}
            options={channels}
            problems={problems.fields[controlOf(kind)] ?? []}
          />
        ))}
      </fieldset>
      <Choice
        name={DIGEST}
        label={p.digest}
        hint={p.digestHint}
        value={shown.digest_frequency}
        options={FREQUENCIES.map((value) => ({ value, label: p.frequencies[value] }))}
        problems={problems.fields[DIGEST] ?? []}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.accountPages.saving : p.save}
      </button>
    </form>
      <div role="status" className="notice saved-status">{saved && <p>{p.saved}</p>}</div>
    </>
  );
}
