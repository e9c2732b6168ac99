"use client";
// The data download (GET /api/community/me/export): a link the browser saves under the name the API
// gives (also before the page's script runs); once it runs, the file is fetched first, so that an
// expired session is a message rather than a file of it.
import { type MouseEvent, useState } from "react";

import { browserClients, logInHref } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

import { FormProblems } from "./Field";

/** The file name of a Content-Disposition header (`attachment; filename="..."`), or `fallback`. */
function fileName(disposition: string | null, fallback: string): string {
  const name = disposition?.match(/filename="?([^";]+)"?/)?.[1]?.trim();
  return name || fallback;
}

export function DataDownload({ locale }: { locale: Locale }) {
  const t = messages(locale);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(null);
    setProblem(null);
    try {
      const { data, response } = await browserClients(locale).project.GET("/api/community/me/export", { parseAs: "blob" });
      if (response.status === 401) {
        window.location.assign(logInHref(locale, `/${locale}/account/data/`));
        return;
      }
      if (!data) {
        setProblem(t.accountPages.somethingWentWrong);
      } else {
        const name = fileName(response.headers.get("Content-Disposition"), "my-data.json");
        const link = document.createElement("a");
        link.href = URL.createObjectURL(data);
        link.download = name;
        link.click();
        // Once the browser has started saving it.
        window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        setSaved(name);
      }
    } catch {
      setProblem(t.unreachable);
    }
    setBusy(false);
  }

  return (
    <>
      <p role="status">{saved && format(t.accountPages.downloaded, { file: saved })}</p>
      <FormProblems messages={problem ? [problem] : []} />
      <a href="/api/community/me/export" download className="button" onClick={download} aria-disabled={busy || undefined}>
        {busy ? t.accountPages.downloading : t.accountPages.downloadButton}
      </a>
    </>
  );
}
