"use client";
// The header's account corner: who is signed in (their display name from the project API) with a
// log-out button, or a link to the log-in page that comes back here.
import { useEffect, useState } from "react";

import { browserClients } from "@/lib/browser-session";
import { format, type Locale } from "@/lib/i18n";

type Labels = { account: string; logIn: string; logOut: string; signedInAs: string };
type Viewer = { state: "unknown" } | { state: "visitor" } | { state: "signed-in"; name: string };

/** `path`: the current page's address, where the log-in page comes back to. */
export function AccountMenu({ locale, path, labels }: { locale: Locale; path: string; labels: Labels }) {
  const [viewer, setViewer] = useState<Viewer>({ state: "unknown" });

  useEffect(() => {
    let current = true;
    browserClients(locale)
      .project.GET("/api/community/me/")
      .then(({ data }) => {
        if (current) setViewer(data ? { state: "signed-in", name: data.display_name || data.email } : { state: "visitor" });
      })
      .catch(() => current && setViewer({ state: "visitor" }));
    return () => {
      current = false;
    };
  }, [locale]);

  async function logOut() {
    // allauth answers 401 with the flows a signed-out browser may start: that is the success answer.
    await browserClients(locale).accounts.DELETE("/_allauth/{client}/v1/auth/session", { params: { path: { client: "browser" } } });
    window.location.reload();
  }

  return (
    <section aria-label={labels.account} className="account-menu" aria-busy={viewer.state === "unknown"}>
      {viewer.state === "signed-in" ? (
        <p>
          <span>{format(labels.signedInAs, { name: viewer.name })}</span>{" "}
          <button type="button" className="button secondary" onClick={logOut}>
            {labels.logOut}
          </button>
        </p>
      ) : viewer.state === "visitor" ? (
        <a href={`/${locale}/account/login/?next=${encodeURIComponent(encodeURI(path))}`}>{labels.logIn}</a>
      ) : null}
    </section>
  );
}
