"use client";
// The page the verification e-mail's link opens: the person confirms (a button, so that mail scanners
// following links verify nothing), the key goes to allauth, and the person lands home signed in (or on the log-in page), told the
// address is confirmed.
import { useState } from "react";

import { browserClients, ensureCsrfToken } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { leaveNotice } from "./Notice";

export function VerifyEmail({ locale, verificationKey }: { locale: Locale; verificationKey: string }) {
  const t = messages(locale);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { response, error } = await clients.accounts.POST("/_allauth/{client}/v1/auth/email/verify", {
        params: { path: { client: "browser" } },
        body: { key: verificationKey },
      });
      // 200: verified and signed in; 401: verified, and the person logs in next. A full load, so
      // that every part of the page learns who is signed in.
      const next = response.ok ? `/${locale}/` : `/${locale}/account/login/`;
      if (response.ok || response.status === 401) {
        leaveNotice(response.ok ? "emailVerifiedSignedIn" : "emailVerified");
        window.location.assign(next);
      } else setProblem(error && "errors" in error ? (error.errors?.[0]?.message ?? t.verifyFailed) : t.verifyFailed);
    } catch {
      setProblem(t.unreachable);
    }
    setBusy(false);
  }

  return (
    <>
      <p>{t.verifyText}</p>
      <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
      <button type="button" className="button" onClick={confirm} disabled={busy}>
        {busy ? t.confirming : t.confirmEmail}
      </button>
    </>
  );
}
