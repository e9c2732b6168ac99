"use client";
// The header's account corner: who is signed in (their display name from the project API) with a
// log-out button, their notifications and their feed, or a link to the log-in page that comes back here.
import { NotificationBell } from "@/components/community/NotificationBell";
import { browserClients, logInHref, useViewer } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

/** `path`: the current page's address, where the log-in page comes back to. */
export function AccountMenu({ locale, path }: { locale: Locale; path: string }) {
  const viewer = useViewer(locale);
  const t = messages(locale);

  async function logOut() {
    // allauth answers 401 with the flows a signed-out browser may start: that is the success answer.
    await browserClients(locale).accounts.DELETE("/_allauth/{client}/v1/auth/session", { params: { path: { client: "browser" } } });
    window.location.reload();
  }

  return (
    <section aria-label={t.account} className="account-menu" aria-busy={viewer === null}>
      {viewer?.signedIn ? (
        <p>
          <NotificationBell locale={locale} /> <a href={`/${locale}/account/feed/`}>{t.feed.title}</a>{" "}
          <span>{format(t.signedInAs, { name: viewer.name })}</span>{" "}
          <a href={`/${locale}/account/`}>{t.accountPages.yourAccount}</a>{" "}
          <button type="button" className="button secondary" onClick={logOut}>
            {t.logOut}
          </button>
        </p>
      ) : viewer ? (
        <a href={logInHref(locale, encodeURI(path))}>{t.logIn}</a>
      ) : null}
    </section>
  );
}
